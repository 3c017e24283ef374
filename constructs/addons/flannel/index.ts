export * from './flannel';
export * from './flannel-images';

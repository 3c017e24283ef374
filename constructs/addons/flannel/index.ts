export * from './flannel';
export * from './flannel-images';
export * from './flannel-addon';

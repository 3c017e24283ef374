export * from './flannel';

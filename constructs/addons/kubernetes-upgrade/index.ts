export * from './kubernetes-upgrade';
export * from './kubernetes-upgrade-images';

export * from './kubernetes-upgrade';

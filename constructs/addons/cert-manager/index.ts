export * from './cert-manager';
export * from './cert-manager-images';

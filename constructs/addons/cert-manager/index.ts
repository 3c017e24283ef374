export * from './cert-manager';
export * from './cert-manager-images';
export * from './cert-manager-addon';

export * from './distribution-config';
export * from './registry';
export * from './registry-addon';
export * from './registry-pull-secret';
export * from './registry-token-server';
export * from './registry-images';
export * from './registry-pod';

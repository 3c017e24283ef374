export * from './gateway';
export * from './gateway-images';

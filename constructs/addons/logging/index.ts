export * from './logging';
export * from './logging-images';

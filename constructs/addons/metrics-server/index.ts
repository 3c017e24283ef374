export * from './metrics-server';
export * from './metrics-server-images';

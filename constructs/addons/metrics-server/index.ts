export * from './metrics-server';
export * from './metrics-server-images';
export * from './metrics-server-addon';

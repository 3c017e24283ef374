export * from './console';
export * from './console-images';

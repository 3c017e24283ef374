export * from './console';
export * from './console-images';
export * from './console-addon';

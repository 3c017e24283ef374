export * from './logging';
export * from './logging-images';
export * from './logging-addon';
export * from './logging-flows';

export * from './gateway';
export * from './gateway-images';
export * from './gateway-addon';
export * from './gateway-flows';
export * from './envoy-proxy';

export * from './alert-rules';
export * from './alertmanager-config';
export * from './backup-alerts';
export * from './monitoring';
export * from './monitoring-addon';
export * from './monitoring-flows';
export * from './monitoring-values';
export * from './monitoring-images';

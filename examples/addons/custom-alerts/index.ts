export * from './custom-alerts';
export * from './custom-alerts-addon';

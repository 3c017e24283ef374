export * from './core-dns';
export * from './core-dns-addon';

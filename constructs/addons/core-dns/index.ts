export * from './core-dns';

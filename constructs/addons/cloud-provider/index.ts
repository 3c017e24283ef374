export * from './cloud-provider';
export * from './volume-snapshots';

export * from './cloud-provider';
export * from './volume-snapshots';
export * from './cloud-provider-images';

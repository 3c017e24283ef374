export * from './cloud-provider';
export * from './cloud-provider-addon';
export * from './volume-snapshots';
export * from './cloud-provider-images';

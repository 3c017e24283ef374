export * from './did-you-mean';
export * from './fields';
export * from './issues';
export * from './json-schema';
export * from './read-section';
export * as z from './zod';

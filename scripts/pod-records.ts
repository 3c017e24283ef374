/** `npm run pod-records`: see scripts/pod-records-command.ts. */
import { podRecords } from './pod-records-command';

const { code, out } = podRecords(process.argv.slice(2));
(code === 0 ? console.log : console.error)(out);
process.exitCode = code;

// Run only by real-tool.test.ts: a test that needs a tool no machine has.
import { withTool } from './real-tool';

withTool('berth-no-such-tool')('needs a missing tool', () => undefined);

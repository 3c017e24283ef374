import { Token } from 'cdktf';

/** jest.config.js runs cdktf's stack-trace module through test/support/cdktf-transform.js, as synth does. */
test("under jest, cdktf's tokens carry the stack trace of their creation only with BERTH_DEBUG", () => {
  const trace = Token.asAny(1).creationStack;
  if (process.env.BERTH_DEBUG) expect(trace.length).toBeGreaterThan(0);
  else expect(trace).toEqual([]);
});

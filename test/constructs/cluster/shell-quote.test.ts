import { shellQuote } from '../../../constructs/cluster/shell-quote';
import { bash } from '../../support/node-script-samples';

describe('shellQuote', () => {
  test.each(['plain', "it's", "a'b'c", '$HOME `id` "x" \\ ;|&', "''", ''])(
    'bash reads %p back unchanged',
    (value) => {
      expect(bash(`printf '%s' ${shellQuote(value)}`)).toBe(value);
    },
  );
});

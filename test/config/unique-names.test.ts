import { Problems } from '../../config';
import { checkUniqueNames } from '../../config/unique-names';

describe('checkUniqueNames', () => {
  test('reports each repeat at its own index, naming the first holder', () => {
    const problems = new Problems();
    checkUniqueNames(problems, 'clusters', ['a', 'b', 'a', 'a'], 'Cluster');
    expect(problems.all).toEqual([
      {
        path: 'clusters[2].name',
        value: 'a',
        message: 'Cluster names must be unique; clusters[0] has it already',
      },
      {
        path: 'clusters[3].name',
        value: 'a',
        message: 'Cluster names must be unique; clusters[0] has it already',
      },
    ]);
  });

  test('distinct names: no problem', () => {
    const problems = new Problems();
    checkUniqueNames(problems, 'cloud.flavors', ['m1.small', 'm1.large'], 'Flavor');
    expect(problems.all).toEqual([]);
  });
});

import { TeamRole, defaultTeamRole } from '../../config';

describe('team roles', () => {
  test('least privilege in production, self-service elsewhere', () => {
    expect(defaultTeamRole(true)).toBe(TeamRole.VIEW);
    expect(defaultTeamRole(false)).toBe(TeamRole.EDIT);
  });
});

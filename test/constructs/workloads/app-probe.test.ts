import { Duration } from 'cdk8s';
import { AppProbe, isPort } from '../../../constructs/workloads/app-probe';

describe('AppProbe', () => {
  test('an HTTP probe on the process port with default timing', () => {
    expect(AppProbe.http('/healthz').toKube(8080)).toEqual({
      httpGet: { path: '/healthz', port: expect.objectContaining({ value: 8080 }) },
      periodSeconds: 10,
      timeoutSeconds: 2,
      failureThreshold: 3,
      initialDelaySeconds: undefined,
    });
  });

  test('a TCP probe on its own port with its own timing', () => {
    const probe = AppProbe.tcp({
      port: 9000,
      initialDelay: Duration.seconds(5),
      period: Duration.seconds(20),
      timeout: Duration.seconds(3),
      failureThreshold: 6,
    }).toKube(8080);
    expect(probe).toMatchObject({
      tcpSocket: { port: expect.objectContaining({ value: 9000 }) },
      initialDelaySeconds: 5,
      periodSeconds: 20,
      timeoutSeconds: 3,
      failureThreshold: 6,
    });
  });

  test('an exec probe needs no port', () => {
    const probe = AppProbe.exec(['check']);
    expect(probe.needsPort).toBe(false);
    expect(probe.toKube(undefined)).toMatchObject({ exec: { command: ['check'] } });
  });

  test('a network probe without any port cannot render', () => {
    expect(() => AppProbe.tcp().toKube(undefined)).toThrow(/needs options.port/);
  });

  test.each([
    ['a relative path', AppProbe.http('healthz'), 'must start with "/"'],
    ['an empty command', AppProbe.exec([]), 'command must not be empty'],
    ['a port out of range', AppProbe.tcp({ port: 70000 }), 'port 70000'],
    ['a zero failure threshold', AppProbe.http('/', { failureThreshold: 0 }), 'failureThreshold 0'],
  ])('reports %s', (_, probe, message) => {
    expect(probe.problems()).toEqual([expect.stringContaining(message)]);
  });

  test('knows ports', () => {
    expect([0, 1, 65535, 65536, 1.5].map(isPort)).toEqual([false, true, true, false, false]);
  });
});

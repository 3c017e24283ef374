import { PeerKind, envoyContainerPort, gatewayFlows } from '../../../../constructs/addons';

describe('gatewayFlows', () => {
  test("Envoy's container ports: listener ports below 1024 move up by 10000", () => {
    expect([80, 443, 8443].map(envoyContainerPort)).toEqual([10080, 10443, 8443]);
  });

  test('the world reaches only the public listener; the management listener only nodes and admin networks', () => {
    const flows = gatewayFlows();
    const to8443 = flows.filter((f) => f.ports?.some((p) => p.from === 8443)).map((f) => f.from.kind);
    expect(to8443.sort()).toEqual([PeerKind.ADMIN_NETWORKS, PeerKind.NODES].sort());
    const publicFlow = flows.find((f) => f.id === 'gateway-public')!;
    expect(publicFlow.ports!.map((p) => p.from)).toEqual([10080, 10443]);
  });
});

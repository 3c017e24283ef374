export * from './kubelet-csr-approver';

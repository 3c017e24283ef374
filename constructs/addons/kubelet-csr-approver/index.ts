export * from './kubelet-csr-approver';
export * from './kubelet-csr-approver-images';

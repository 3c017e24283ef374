export * from './kubelet-csr-approver';
export * from './kubelet-csr-approver-images';
export * from './kubelet-csr-approver-addon';

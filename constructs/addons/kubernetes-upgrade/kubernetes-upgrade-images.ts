/**
 * The image of the node upgrade Jobs, written as `repository:tag@sha256:…` once its digest is recorded
 * (constructs/addons/core/image-digests.json, `npm run pin-images`).
 */
import { FLANNEL_IMAGE } from '../flannel/flannel-images';
import { ObjectImage } from '../core/platform-image';

/** flannel's image, which every node already runs: its busybox gives the Jobs their shell tools. */
export const NODE_UPGRADE_SHELL: ObjectImage = {
  repository: FLANNEL_IMAGE.repository,
  tag: FLANNEL_IMAGE.tag,
  usedBy: 'the node upgrade Jobs (kubernetes-upgrade add-on)',
  source: "flannel's image (FLANNEL_IMAGE), pulled by every node already",
};

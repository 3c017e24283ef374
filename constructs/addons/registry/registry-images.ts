/**
 * The images of the registry add-on's own objects, written as `repository:tag@sha256:…` once their
 * digests are recorded (constructs/addons/core/image-digests.json, `npm run pin-images`).
 */
import { ObjectImage } from '../core/platform-image';

/** CNCF Distribution v3, the official image. */
export const REGISTRY_SERVER: ObjectImage = {
  repository: 'docker.io/library/registry',
  tag: '3.0.0',
  usedBy: 'the registry Deployment (registry add-on)',
  source: 'tag v3.0.0 of distribution/distribution, published as the Docker official image "registry" 3.0.0',
};

/** cesanta/docker_auth: the registry's token server. */
export const REGISTRY_TOKEN_SERVER: ObjectImage = {
  repository: 'docker.io/cesanta/docker_auth',
  tag: '1.14.0',
  usedBy: 'the registry token server Deployment (registry add-on)',
  source: 'tag 1.14.0 of cesanta/docker_auth',
};

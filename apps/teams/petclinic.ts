import { Duration } from 'cdk8s';
import { AppProbe, SizeClass, defineApp, postgres } from '..';
import { POSTGRES_17_DIGEST, TOMCAT_BASE_IMAGE } from './platform-images';

/**
 * A Java web app shipped as a `.war`: its image carries only `/artifact/ROOT.war`, which Berth copies
 * into the shared Tomcat base image at start. A new version is a new artifact, never a new Tomcat image.
 */
export const petclinic = defineApp({
  name: 'petclinic',
  image: 'team-java/petclinic-war',
  runtime: {
    baseImage: TOMCAT_BASE_IMAGE,
    artifactPath: '/artifact/ROOT.war',
    mountPath: '/usr/local/tomcat/webapps',
  },
  services: { database: postgres({ digest: POSTGRES_17_DIGEST }) },
  envFromServices: ({ database }) => ({
    SPRING_PROFILES_ACTIVE: 'postgres',
    POSTGRES_URL: `jdbc:postgresql://${database.host}:${database.port}/${database.database}`,
    POSTGRES_USER: database.username,
    POSTGRES_PASS: database.password,
  }),
  env: { JAVA_OPTS: '-XX:MaxRAMPercentage=75 -Djava.security.egd=file:/dev/urandom' },
  web: {
    port: 8080,
    readiness: AppProbe.http('/actuator/health/readiness'),
    liveness: AppProbe.http('/actuator/health/liveness'),
    // Tomcat unpacks the war and Spring starts: up to five minutes before the other probes count.
    startup: AppProbe.http('/actuator/health/liveness', {
      period: Duration.seconds(10),
      failureThreshold: 30,
    }),
  },
  metrics: { path: '/actuator/prometheus' },
  size: SizeClass.M,
  writablePaths: ['/usr/local/tomcat/work', '/usr/local/tomcat/temp', '/usr/local/tomcat/logs'],
  environments: {
    dev: { tag: '3.4.0-SNAPSHOT' },
    test: { digest: 'sha256:05d28508fca93e0e10ffcde7b377dde5384bd2f7db978b7d595ef37ebc791ccd' },
    prod: {
      digest: 'sha256:05d28508fca93e0e10ffcde7b377dde5384bd2f7db978b7d595ef37ebc791ccd',
      autoscale: { min: 2, max: 4 },
    },
  },
});

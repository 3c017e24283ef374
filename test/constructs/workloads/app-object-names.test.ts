import {
  APP_FILES_PART,
  APP_RELEASE_PART,
  RESERVED_PROCESS_NAMES,
  appFilesName,
  appObjectName,
} from '../../../constructs/workloads/app-object-names';

describe('app object names', () => {
  test('a part of an app is named <app>-<part>', () => {
    expect(appObjectName('shop', 'mailer')).toBe('shop-mailer');
  });

  test("the files ConfigMap is the app's files part", () => {
    expect(appFilesName('shop')).toBe('shop-files');
    expect(appFilesName('shop')).toBe(appObjectName('shop', APP_FILES_PART));
  });

  test('a worker or cron job cannot take the name of a part the app makes itself', () => {
    expect([...RESERVED_PROCESS_NAMES].sort()).toEqual([APP_FILES_PART, APP_RELEASE_PART].sort());
  });
});

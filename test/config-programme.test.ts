// PROGRAMME_ENDS_ON (issue 13): unset leaves the catalogue file's end, "none" means no end, a day
// sets it; anything else stops start-up naming the variable.
import { loadConfig } from '../src/config';

test('PROGRAMME_ENDS_ON: unset, none, a day, nonsense', () => {
  expect(loadConfig({}).PROGRAMME_ENDS_ON).toBeUndefined();
  expect(loadConfig({ PROGRAMME_ENDS_ON: '' }).PROGRAMME_ENDS_ON).toBeUndefined();
  expect(loadConfig({ PROGRAMME_ENDS_ON: 'none' }).PROGRAMME_ENDS_ON).toBeNull();
  expect(loadConfig({ PROGRAMME_ENDS_ON: '2027-07-31' }).PROGRAMME_ENDS_ON).toBe('2027-07-31');
  expect(() => loadConfig({ PROGRAMME_ENDS_ON: '31/07/2027' })).toThrow(/PROGRAMME_ENDS_ON/);
  expect(() => loadConfig({ PROGRAMME_ENDS_ON: '2027-02-30' })).toThrow(/PROGRAMME_ENDS_ON/);
  expect(() => loadConfig({ PROGRAMME_ENDS_ON: '2027-13-01' })).toThrow(/PROGRAMME_ENDS_ON/);
});

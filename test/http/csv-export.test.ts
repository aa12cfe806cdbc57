// The staff CSV export (docs/decisions/008): RFC 4180 quoting, a BOM for Excel, and no cell that
// Excel would run as a formula, while phone numbers stay as they are.
import { toCsv } from '../../src/http/staff-routes';
import type { StaffRegistrationRow } from '../../src/domain/registrations';

const row = (over: Partial<StaffRegistrationRow>): StaffRegistrationRow =>
  ({
    referenceCode: 'K7Q2', status: 'confirmed', waitlistPosition: null, activityId: 'parent-network', sessionId: 's1',
    sessionStartsAt: new Date('2026-12-01T16:00:00Z'), participant: 'self', participantName: 'Emil Sørensen', participantBirthYear: 1990,
    participantPhone: '+4512345678', guardianName: null, guardianPhone: null, residentLanguage: 'da', createdAt: new Date('2026-11-30T10:00:00Z'),
    ...over,
  }) as StaffRegistrationRow;

const cells = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

test('formulas are neutralised, phone numbers and names are kept, separators are quoted', () => {
  const csv = toCsv([
    row({ participantName: '=HYPERLINK("http://x","y")' }),
    row({ participantName: '@SUM(A1)', guardianName: '-2+3', participantPhone: '+4587654321' }),
    row({ participantName: 'فاطمة, علي' }),
  ]);
  expect(csv.startsWith('\uFEFFreference,')).toBe(true);
  const [, first, second, third] = cells(csv);
  expect(first).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(second).toContain("'@SUM(A1)");
  expect(second).toContain("'-2+3");
  expect(second).toContain(',+4587654321,');
  expect(third).toContain('"فاطمة, علي"');
});

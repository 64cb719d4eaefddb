import { it } from 'vitest';
import { maskerFor } from '/work/main/test/unit/maskers/support.js';
it('probe', () => {
  const m = maskerFor('bsn');
  for (const v of ['111222333','1112.22.333','123456782','12345672','999990019','249566758']) console.log(v, m.apply(v));
  const n = maskerFor('bsn', {}, { kind: 'integer' });
  for (const v of ['111222333','12345672','999990019']) console.log('int', v, n.apply(v));
  const o = maskerFor('bsn');
  for (const v of ['12345672','012345672']) console.log('fresh', v, o.apply(v));
});

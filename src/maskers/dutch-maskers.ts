import type { MaskerDefinition } from './masker.js';
import { bsn } from './bsn.js';
import { firstName } from './first-name.js';
import { lastName } from './last-name.js';
import { tussenvoegsel } from './tussenvoegsel.js';
import { initials } from './initials.js';
import { fullName } from './full-name.js';
import { birthDate } from './birth-date.js';
import { email } from './email.js';
import { phone } from './phone.js';
import { postcode } from './postcode.js';
import { street } from './street.js';
import { houseNumber } from './house-number.js';
import { city } from './city.js';
import { nationality } from './nationality.js';
import { education } from './education.js';
import { health } from './health.js';
import { plate } from './plate.js';
import { iban } from './iban.js';
import { dateShift } from './date-shift.js';
import { scrub } from './scrub.js';
import { address } from './address.js';

/** The Dutch-native maskers of dutch-pii.md, in the order `maskgate maskers` lists them. */
export const dutchMaskers: readonly MaskerDefinition[] = [
  bsn, firstName, lastName, tussenvoegsel, initials, fullName, birthDate, email, phone, postcode,
  street, houseNumber, city, nationality, education, health, plate, iban, dateShift, address, scrub,
] as readonly MaskerDefinition[];

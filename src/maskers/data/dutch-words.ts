// Versioned word lists for the placeholder Dutch maskers. A list's order is part of the output
// contract: the PRF indexes into it, so editing a list changes every masked value. Bump the
// label version of the masker that uses a list when you change it.

/** Dutch first names (mixed genders). */
export const FIRST_NAMES = [
  'Anna', 'Bram', 'Daan', 'Emma', 'Eva', 'Femke', 'Fleur', 'Jan', 'Joost', 'Julia', 'Koen', 'Lars',
  'Lieke', 'Lotte', 'Luuk', 'Maaike', 'Milan', 'Noor', 'Pieter', 'Roos', 'Ruben', 'Sanne', 'Sem',
  'Sophie', 'Thijs', 'Tim', 'Vera', 'Wouter', 'Yara', 'Zoë', 'Anouk', 'Bas', 'Chantal', 'Dirk',
  'Esther', 'Gijs', 'Hanna', 'Ilse', 'Jesse', 'Kim', 'Maarten', 'Nina', 'Olaf', 'Petra', 'Quinten',
  'Rik', 'Sara', 'Tessa', 'Vincent', 'Willem',
] as const;

/** Dutch surnames without tussenvoegsel. */
export const LAST_NAMES = [
  'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks',
  'Dekker', 'Brouwer', 'Dijkstra', 'Willems', 'Kramer', 'Schouten', 'Prins', 'Huisman', 'Kok',
  'Postma', 'Kuipers', 'Verbeek', 'Koster', 'Veenstra', 'Hoekstra', 'Timmermans', 'Groen', 'Sanders',
  'Wolters', 'Koning', 'Blom', 'Molenaar', 'Boer', 'Leeuwen', 'Vliet', 'Graaf', 'Wit', 'Heuvel',
  'Berg', 'Linden',
] as const;

/** Common tussenvoegsels, lowercase as written after a first name. */
export const TUSSENVOEGSELS = ['van', 'de', 'van de', 'van der', 'van den', 'den', 'ter', 'te', 'in het', "van 't"] as const;

/** Street names. */
export const STREETS = [
  'Kerkstraat', 'Dorpsstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat', 'Beatrixlaan',
  'Wilhelminastraat', 'Lindelaan', 'Eikenlaan', 'Nieuwstraat', 'Marktplein', 'Parallelweg', 'Kastanjelaan',
  'Sportlaan', 'Vijverweg', 'Rozenstraat', 'Tulpstraat', 'Beukenlaan', 'Havenstraat',
] as const;

/** Place names. */
export const CITIES = [
  'Amsterdam', 'Rotterdam', 'Utrecht', 'Groningen', 'Eindhoven', 'Tilburg', 'Almere', 'Breda',
  'Nijmegen', 'Apeldoorn', 'Arnhem', 'Haarlem', 'Enschede', 'Amersfoort', 'Zwolle', 'Leiden',
  'Maastricht', 'Dordrecht', 'Zoetermeer', 'Deventer', 'Almelo', 'Delft', 'Alkmaar', 'Venlo',
] as const;

/** Nationality adjectives, sampled per row. */
export const NATIONALITIES = [
  'Nederlandse', 'Duitse', 'Belgische', 'Poolse', 'Turkse', 'Marokkaanse', 'Surinaamse', 'Syrische',
  'Britse', 'Spaanse', 'Italiaanse', 'Indiase',
] as const;

/** CBS education levels, sampled per row. */
export const EDUCATION_LEVELS = ['basisonderwijs', 'vmbo', 'mbo', 'havo', 'vwo', 'hbo', 'wo'] as const;

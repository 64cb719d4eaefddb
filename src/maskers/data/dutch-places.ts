// Dutch street and place names for the address maskers. Real, common names; the postcode ranges are
// approximate PC4 ranges of each place (good enough for realistic test data, not a BAG lookup).
// The order is part of the output contract (the PRF indexes into these lists): change a list only
// together with WORDLIST_VERSION in dutch-words.ts.

/**
 * Street names that occur in many Dutch places, so any street fits any fake city. Names with
 * digits ("Plein 1944", "2e Jan Steenstraat") are left out on purpose: they make a one-line address
 * ambiguous to parse (§4.6), and a fake should not add ambiguity.
 */
export const STREET_NAMES: readonly string[] = [
  'Kerkstraat', 'Schoolstraat', 'Molenstraat', 'Dorpsstraat', 'Molenweg', 'Julianastraat', 'Wilhelminastraat',
  'Beatrixstraat', 'Stationsweg', 'Stationsstraat', 'Hoofdstraat', 'Nieuwstraat', 'Marktstraat', 'Kastanjelaan',
  'Eikenlaan', 'Beukenlaan', 'Lindelaan', 'Berkenlaan', 'Prinses Irenestraat', 'Prins Bernhardstraat',
  'Oranjestraat', 'Emmastraat', 'Parallelweg', 'Industrieweg', 'Sportlaan', 'Kerkweg', 'Raadhuisstraat',
  'Havenstraat', 'Marktplein', 'Julianalaan', 'Willem de Zwijgerlaan', 'Van Goghstraat', 'Rembrandtstraat',
  'Vondelstraat', 'Bilderdijkstraat', 'Jan Steenstraat', 'Frans Halsstraat', 'Johan de Wittstraat',
  'Tulpstraat', 'Rozenstraat', 'Acacialaan', 'Populierenlaan', 'Wilgenlaan', 'Esdoornlaan', 'Merelstraat',
  'Lijsterstraat', 'Spreeuwenlaan', 'Meeuwenlaan', 'Zwanenstraat', 'Mozartstraat', 'Beethovenstraat',
  'Bachstraat', 'Schubertlaan', 'Dahliastraat', 'Narcissenstraat', 'Irisstraat', 'Anjerstraat',
  'Hyacintenstraat', 'Zonnebloemstraat', 'Hoogstraat', 'Langestraat', 'Lange Nieuwstraat', 'Korte Nieuwstraat',
  'Achterstraat', 'Voorstraat', 'Middenweg', 'Dijkweg', 'Zeeweg', 'Kanaalweg', 'Veldweg', 'Bosweg',
  'Heideweg', 'Broekweg', 'Laan van Meerdervoort', 'Graaf Florisstraat', 'Nassaulaan', 'Mauritslaan',
  'Prinsengracht', 'Herengracht', 'Keizersgracht', 'Singel', 'Oudegracht', 'Nieuwe Gracht', 'Wilhelminapark',
  'Kerkplein', 'Stationsplein', 'Dorpsplein', 'Brink', 'Burgemeester de Withstraat', 'Burgemeester Visserlaan',
  'Koningin Wilhelminalaan', 'Koningsweg', 'Prinsenlaan', 'Oranjelaan', 'Kennedylaan', 'Churchilllaan',
  'Rooseveltlaan', 'Thorbeckestraat', 'Groen van Prinstererstraat', 'Da Costastraat', 'Van Speijkstraat',
  'Tromplaan', 'De Ruyterstraat', 'Piet Heinstraat', 'Michiel de Ruyterweg', 'Tjalmaweg', 'Vaart',
  'Wetering', 'Slotlaan', 'Kasteellaan', 'Parkweg', 'Parklaan', 'Vijverlaan', 'Zandweg', 'Akkerweg',
  'Weidelaan', 'Boslaan', 'Duinweg', 'Strandweg', 'Polderweg', 'Meidoornlaan', 'Vlierstraat', 'Hazelaarlaan',
  'Elzenlaan', 'Platanenlaan', 'Lijnbaan', 'Ambachtsweg', 'Nijverheidsweg', 'Handelsweg', 'Energieweg',
  'Edisonstraat', 'Marconistraat', 'Watermolen', 'Korenbloemstraat', 'Klaverstraat', 'Boterbloemstraat',
  'Sleutelbloemstraat', 'Vinkenstraat', 'Kievitstraat', 'Reigerstraat', 'Zwaluwstraat', 'Valkenlaan',
  'Uilenstraat', 'Sperwerlaan', 'Leeuweriklaan', 'Nachtegaalstraat', 'Roodborststraat', 'Koolmeesstraat',
  'Schuttersweg', 'Gasthuisstraat', 'Kloosterstraat', 'Begijnenstraat', 'Torenstraat', 'Poststraat',
  'Spoorstraat', 'Stationslaan', 'Tramweg', 'Veerweg', 'Sluisweg', 'Haven', 'Kade', 'Oosterstraat',
  'Westerstraat', 'Noorderstraat', 'Zuiderstraat', 'Ringweg', 'Rijksstraatweg', 'Amsterdamseweg',
  'Utrechtseweg', 'Rijksweg', 'Oude Rijksweg', 'Provincialeweg', 'Steenweg', 'Zuidwal', 'Noordwal',
].filter((s, i, all) => all.indexOf(s) === i);

/** Place names with an approximate PC4 range [low, high], so a fake postcode can belong to its fake city. */
export const PLACES: readonly (readonly [name: string, pc4Low: number, pc4High: number])[] = [
  ['Amsterdam', 1011, 1109], ['Rotterdam', 3011, 3089], ['Den Haag', 2491, 2599], ['Utrecht', 3511, 3585],
  ['Eindhoven', 5611, 5658], ['Groningen', 9711, 9747], ['Tilburg', 5011, 5049], ['Almere', 1311, 1364],
  ['Breda', 4811, 4839], ['Nijmegen', 6511, 6546], ['Apeldoorn', 7311, 7337], ['Arnhem', 6811, 6846],
  ['Haarlem', 2011, 2037], ['Enschede', 7511, 7548], ['Amersfoort', 3811, 3829], ['Zaandam', 1501, 1509],
  ['Hoofddorp', 2131, 2136], ["'s-Hertogenbosch", 5211, 5249], ['Zwolle', 8011, 8045], ['Zoetermeer', 2711, 2729],
  ['Leiden', 2311, 2334], ['Maastricht', 6211, 6229], ['Dordrecht', 3311, 3329], ['Ede', 6711, 6718],
  ['Alphen aan den Rijn', 2401, 2409], ['Alkmaar', 1811, 1827], ['Emmen', 7811, 7833], ['Delft', 2611, 2629],
  ['Deventer', 7411, 7431], ['Venlo', 5911, 5928], ['Sittard', 6131, 6137], ['Helmond', 5701, 5709],
  ['Oss', 5341, 5349], ['Amstelveen', 1181, 1189], ['Hilversum', 1211, 1223], ['Heerlen', 6411, 6422],
  ['Leeuwarden', 8911, 8941], ['Purmerend', 1441, 1448], ['Schiedam', 3111, 3125], ['Vlaardingen', 3131, 3138],
  ['Gouda', 2801, 2809], ['Roosendaal', 4701, 4709], ['Hoorn', 1621, 1628], ['Lelystad', 8211, 8245],
  ['Almelo', 7601, 7609], ['Assen', 9401, 9409], ['Zeist', 3701, 3709], ['Bergen op Zoom', 4611, 4624],
  ['Capelle aan den IJssel', 2901, 2909], ['Veenendaal', 3901, 3909], ['Katwijk', 2221, 2225],
  ['Den Helder', 1781, 1789], ['Hengelo', 7550, 7559], ['Nieuwegein', 3431, 3439], ['Roermond', 6041, 6046],
  ['Doetinchem', 7001, 7009], ['Middelburg', 4331, 4339], ['Vlissingen', 4381, 4389], ['Harderwijk', 3841, 3849],
  ['Kampen', 8261, 8266], ['Hoogeveen', 7901, 7909], ['Meppel', 7941, 7944], ['Zutphen', 7201, 7207],
  ['Woerden', 3441, 3449], ['Houten', 3991, 3997], ['Barneveld', 3771, 3774], ['Wageningen', 6701, 6709],
  ['Tiel', 4001, 4007], ['Culemborg', 4101, 4107], ['Gorinchem', 4201, 4207], ['Weert', 6001, 6006],
  ['Uden', 5401, 5406], ['Veghel', 5461, 5467], ['Goes', 4461, 4465], ['Terneuzen', 4531, 4539],
  ['Drachten', 9200, 9207], ['Sneek', 8601, 8608], ['Heerenveen', 8441, 8448], ['Winschoten', 9671, 9675],
  ['Hardenberg', 7771, 7773], ['Oldenzaal', 7571, 7577], ['Waalwijk', 5141, 5146], ['Bussum', 1401, 1406],
  ['Heemskerk', 1961, 1969], ['Beverwijk', 1941, 1948], ['IJmuiden', 1971, 1976], ['Enkhuizen', 1601, 1602],
  ['Huizen', 1271, 1277], ['Soest', 3761, 3769], ['Baarn', 3741, 3744], ['Rijswijk', 2281, 2289],
  ['Voorburg', 2271, 2275], ['Wassenaar', 2241, 2245], ['Noordwijk', 2201, 2204], ['Lisse', 2161, 2162],
  ['Maassluis', 3141, 3147], ['Ridderkerk', 2981, 2989], ['Barendrecht', 2991, 2994], ['Spijkenisse', 3201, 3209],
  ['Hellevoetsluis', 3221, 3225], ['Zwijndrecht', 3331, 3335], ['Papendrecht', 3351, 3356],
  ['Sliedrecht', 3361, 3364], ['Oosterhout', 4901, 4909], ['Etten-Leur', 4871, 4876], ['Steenwijk', 8331, 8335],
  ['Emmeloord', 8301, 8308], ['Dronten', 8251, 8253], ['Harlingen', 8861, 8862], ['Delfzijl', 9931, 9936],
  ['Veendam', 9641, 9648], ['Stadskanaal', 9501, 9503], ['Nijverdal', 7441, 7443], ['Rijssen', 7461, 7463],
  ['Winterswijk', 7101, 7103], ['Kerkrade', 6461, 6471], ['Geleen', 6161, 6167], ['Brunssum', 6441, 6446],
  ['Venray', 5801, 5803], ['Boxtel', 5281, 5283], ['Vught', 5261, 5264], ['Veldhoven', 5501, 5509],
  ['Geldrop', 5661, 5667], ['Valkenswaard', 5551, 5556], ['Oisterwijk', 5061, 5062], ['Dongen', 5101, 5107],
  ['Zevenaar', 6901, 6904], ['Wijchen', 6601, 6605], ['Cuijk', 5431, 5435], ['Boxmeer', 5831, 5835],
];

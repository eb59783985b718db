#include "protocol/identifying_data.hpp"

namespace casecircle::protocol {

// Common first names in German-speaking social services (German, Turkish, Arabic, Polish,
// Russian, Ukrainian and international ones), spelt as people write them. Left out on purpose:
// names that are also common German nouns ("Iris", "Kai", "Mark"), which would warn on
// ordinary sentences. A name followed by a capitalised word is what the check looks for.
const std::vector<std::string_view>& common_first_names() {
    static const std::vector<std::string_view> names{
        "Aaron",     "Abdul",     "Abdullah",   "Achim",      "Adam",       "Adrian",
        "Ahmad",     "Ahmed",     "Aisha",      "Alaa",       "Albert",     "Alexa",
        "Alexander", "Alexandra", "Alexej",     "Ali",        "Alice",      "Alina",
        "Amelie",    "Amina",     "Amir",       "Ana",        "Anastasia",  "Andrea",
        "Andreas",   "Andrej",    "Angela",     "Angelika",   "Anja",       "Anke",
        "Anna",      "Anne",      "Annette",    "Anton",      "Antonia",    "Arne",
        "Arthur",    "Aylin",     "Ayse",       "Ayşe",       "Barbara",    "Bastian",
        "Beate",     "Ben",       "Benedikt",   "Benjamin",   "Bernd",      "Bernhard",
        "Bettina",   "Bianca",    "Birgit",     "Björn",      "Bogdan",     "Brigitte",
        "Bruno",     "Burak",     "Can",        "Carina",     "Carl",       "Carla",
        "Carlos",    "Carmen",    "Carolin",    "Caroline",   "Charlotte",  "Chiara",
        "Christa",   "Christian", "Christiane", "Christina",  "Christine",  "Christoph",
        "Clara",     "Claudia",   "Constantin", "Cornelia",   "Dagmar",     "Damian",
        "Daniel",    "Daniela",   "Darius",     "David",      "Denis",      "Deniz",
        "Dennis",    "Detlef",    "Diana",      "Dieter",     "Dietmar",    "Dimitri",
        "Dirk",      "Dominik",   "Doris",      "Dorothea",   "Edith",      "Efe",
        "Egon",      "Ekaterina", "Elena",      "Elias",      "Elif",       "Elisabeth",
        "Elke",      "Ella",      "Emil",       "Emilia",     "Emily",      "Emma",
        "Emre",      "Erik",      "Erika",      "Esra",       "Eva",        "Fabian",
        "Fatima",    "Fatma",     "Felix",      "Finn",       "Florian",    "Frank",
        "Franziska", "Frida",     "Friedrich",  "Fritz",      "Gabriele",   "Georg",
        "Gerhard",   "Gisela",    "Gregor",     "Gudrun",     "Günter",     "Günther",
        "Hakan",     "Hamza",     "Hanna",      "Hannah",     "Hannelore",  "Hans",
        "Harald",    "Hasan",     "Hassan",     "Heike",      "Heinz",      "Helena",
        "Helga",     "Helmut",    "Henrik",     "Herbert",    "Hermann",    "Hildegard",
        "Holger",    "Hussein",   "Ibrahim",    "Igor",       "Ilse",       "Ina",
        "Ines",      "Inge",      "Ingrid",     "Irina",      "Isabel",     "Isabella",
        "Ivan",      "Jakob",     "Jan",        "Jana",       "Janina",     "Jannik",
        "Jasmin",    "Jens",      "Jessica",    "Joachim",    "Johann",     "Johanna",
        "Johannes",  "Jonas",     "Jonathan",   "Josef",      "Julia",      "Julian",
        "Juliane",   "Justin",    "Jürgen",     "Karin",      "Karl",       "Karolina",
        "Katarzyna", "Katharina", "Kathrin",    "Katja",      "Kerstin",    "Kevin",
        "Khaled",    "Kim",       "Klaus",      "Konstantin", "Kristina",   "Lara",
        "Laura",     "Lea",       "Leah",       "Lena",       "Leni",       "Leon",
        "Leonie",    "Lina",      "Linda",      "Lisa",       "Lotta",      "Louis",
        "Luca",      "Lucas",     "Luisa",      "Luise",      "Lukas",      "Maja",
        "Malte",     "Manfred",   "Manuel",     "Manuela",    "Marc",       "Marcel",
        "Marco",     "Marcus",    "Margarete",  "Maria",      "Marie",      "Marina",
        "Mario",     "Marion",    "Markus",     "Marlene",    "Martha",     "Martin",
        "Martina",   "Mathias",   "Matthias",   "Max",        "Maximilian", "Mehmet",
        "Melanie",   "Merve",     "Mia",        "Michael",    "Michaela",   "Michelle",
        "Mila",      "Milan",     "Mirjam",     "Mohamed",    "Mohammad",   "Mohammed",
        "Monika",    "Moritz",    "Murat",      "Mustafa",    "Nadine",     "Nadja",
        "Natalia",   "Natalie",   "Nico",       "Nicole",     "Niklas",     "Nils",
        "Nina",      "Noah",      "Nora",       "Norbert",    "Olaf",       "Olga",
        "Oliver",    "Olivia",    "Omar",       "Oskar",      "Pascal",     "Patricia",
        "Patrick",   "Paul",      "Paula",      "Peter",      "Petra",      "Philipp",
        "Pia",       "Piotr",     "Rainer",     "Ralf",       "Ralph",      "Rebecca",
        "Regina",    "Reinhard",  "Renate",     "Robert",     "Roland",     "Roman",
        "Ronja",     "Rosemarie", "Rudolf",     "Ruth",       "Sabine",     "Sabrina",
        "Samira",    "Samuel",    "Sandra",     "Sara",       "Sarah",      "Sascha",
        "Sebastian", "Selin",     "Sergej",     "Simon",      "Simone",     "Sofia",
        "Sophia",    "Sophie",    "Stefan",     "Stefanie",   "Steffen",    "Stephan",
        "Susanne",   "Sven",      "Svenja",     "Swen",       "Tanja",      "Thomas",
        "Thorsten",  "Tim",       "Timo",       "Tobias",     "Tom",        "Torsten",
        "Ursula",    "Uta",       "Ute",        "Uwe",        "Valentin",   "Valentina",
        "Vanessa",   "Vera",      "Veronika",   "Viktor",     "Viktoria",   "Vincent",
        "Volker",    "Walter",    "Waltraud",   "Werner",     "Wilhelm",    "Wolfgang",
        "Yannick",   "Yasemin",   "Yusuf",      "Zeynep",
    };
    return names;
}

} // namespace casecircle::protocol

namespace BookData.Benchmarks.Catalog;

/// <summary>The vocabulary the generator draws names and titles from.</summary>
internal static class CatalogWords
{
    public static readonly string[] FirstNames =
    [
        "Aaron", "Ada", "Adrian", "Agnes", "Alan", "Alice", "Amara", "Amos", "Ana", "Anton",
        "Ava", "Beatrix", "Ben", "Bianca", "Boris", "Bruno", "Camille", "Carl", "Celia", "Chen",
        "Clara", "Colin", "Dalia", "Daniel", "Dara", "David", "Diego", "Dora", "Edith", "Elena",
        "Elias", "Emil", "Emma", "Erik", "Esther", "Ezra", "Fatima", "Felix", "Flora", "Frank",
        "Freya", "Gabriel", "Greta", "Hana", "Hannah", "Hugo", "Ida", "Igor", "Ines", "Iris",
        "Isaac", "Ivan", "Jade", "James", "Jana", "Jonas", "Joy", "Julia", "Kai", "Karin",
        "Kenji", "Lara", "Leo", "Lena", "Liam", "Lina", "Luca", "Lydia", "Malik", "Mara",
        "Marco", "Maya", "Mila", "Milan", "Nadia", "Nina", "Noah", "Nora", "Olga", "Omar",
        "Oscar", "Paula", "Pedro", "Petra", "Quinn", "Rafael", "Rosa", "Ruth", "Sami", "Sara",
        "Selma", "Simon", "Sofia", "Stella", "Tariq", "Tessa", "Theo", "Uma", "Vera", "Victor",
        "Viola", "Wanda", "Yara", "Yusuf", "Zara", "Zoe", "Arjun", "Bea", "Cyril", "Dev",
        "Elif", "Farah", "Gil", "Hiro", "Ilse", "Jonah", "Kira", "Lev", "Mina", "Nils",
    ];

    public static readonly string[] LastNames =
    [
        "Abbott", "Adler", "Alvarez", "Andersen", "Arnold", "Bach", "Baker", "Banerjee", "Barnes", "Becker",
        "Bell", "Berg", "Bianchi", "Blake", "Bowen", "Brandt", "Brooks", "Bruno", "Byrne", "Carter",
        "Castro", "Chandra", "Chavez", "Clarke", "Cohen", "Cole", "Conti", "Cooper", "Costa", "Cruz",
        "Dahl", "Davies", "Dawson", "Diaz", "Dixon", "Doyle", "Dubois", "Duncan", "Eaton", "Ellis",
        "Engel", "Evans", "Farrell", "Fischer", "Fleming", "Flores", "Ford", "Foster", "Fox", "Franke",
        "Fuchs", "Garcia", "Gardner", "Gill", "Gomez", "Graham", "Grant", "Gray", "Gruber", "Hahn",
        "Hale", "Hansen", "Harper", "Hayes", "Hill", "Hoffmann", "Holm", "Hughes", "Hunt", "Ito",
        "Jansen", "Jensen", "Jones", "Kaur", "Keller", "Kelly", "Khan", "Kim", "King", "Klein",
        "Koch", "Kowalski", "Kramer", "Kumar", "Lambert", "Lang", "Larsen", "Lee", "Lehmann", "Lewis",
        "Lindqvist", "Lopez", "Lund", "Maier", "Marsh", "Martin", "Mason", "Meyer", "Miller", "Moreau",
        "Morgan", "Moss", "Murphy", "Nagy", "Nash", "Nguyen", "Nielsen", "Novak", "Nunez", "Olsen",
        "Ortiz", "Owen", "Park", "Patel", "Pearson", "Perez", "Peters", "Petrov", "Pike", "Price",
        "Quinn", "Ramos", "Reed", "Reyes", "Richter", "Rivera", "Roberts", "Romano", "Rossi", "Russo",
        "Sanchez", "Santos", "Sato", "Schmidt", "Schulz", "Scott", "Shah", "Shaw", "Silva", "Singh",
        "Smith", "Sousa", "Stone", "Strand", "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Turner",
        "Vance", "Varga", "Vogel", "Wagner", "Walker", "Wang", "Ward", "Weber", "Webb", "Wells",
        "West", "White", "Wilson", "Wolf", "Wood", "Wright", "Yamada", "Young", "Zhang", "Zimmer",
        "Ahmed", "Bauer", "Chow", "Dunn", "Egan", "Fry", "Gupta", "Holt", "Iqbal", "Joshi",
        "Kerr", "Lowe", "Mehta", "Noble", "Oakes", "Pratt", "Rao", "Sharp", "Toth", "Usman",
        "Voss", "Wade", "Xu", "York", "Zeller", "Ames", "Bond", "Crane", "Drake", "Frost",
    ];

    public static readonly string[] PublisherWords =
    [
        "Amber", "Beacon", "Cedar", "Copper", "Crimson", "Eastern", "Golden", "Granite", "Harbor", "Iron",
        "Juniper", "Lantern", "Maple", "Meridian", "Northern", "Oak", "Pioneer", "Quarry", "Raven", "Silver",
        "Southern", "Summit", "Thistle", "Western", "Willow",
    ];

    public static readonly string[] PublisherNouns =
    [
        "Anchor", "Arch", "Bridge", "Crown", "Field", "Forge", "Gate", "Hill", "Key", "Lamp",
        "Leaf", "Mill", "Quill", "River", "Sail", "Stone", "Tower", "Vale", "Well", "Wing",
    ];

    public static readonly string[] PublisherSuffixes = ["Press", "Books", "House", "Publishing"];

    public static readonly string[] TitleWords =
    [
        "Absent", "Autumn", "Blue", "Bone", "Broken", "Burning", "Candle", "Castle", "City", "Clock",
        "Cold", "Crow", "Dark", "Dawn", "Deep", "Desert", "Distant", "Door", "Dream", "Dust",
        "Echo", "Empire", "Empty", "End", "Evening", "Fall", "Far", "Field", "Fire", "Flood",
        "Forest", "Forgotten", "Garden", "Ghost", "Glass", "Gold", "Green", "Grey", "Harbor", "Heart",
        "Hidden", "High", "Hollow", "Home", "Hour", "House", "Hunger", "Ice", "Iron", "Island",
        "Journey", "King", "Lake", "Last", "Light", "Lion", "Long", "Lost", "Machine", "Map",
        "Memory", "Midnight", "Mirror", "Moon", "Morning", "Mountain", "Night", "North", "Ocean", "Old",
        "Orchard", "Paper", "Passage", "Path", "Quiet", "Rain", "Red", "River", "Road", "Room",
        "Salt", "Sea", "Secret", "Shadow", "Silent", "Silver", "Sky", "Snow", "Song", "Spring",
        "Star", "Stone", "Storm", "Street", "Summer", "Sun", "Tide", "Time", "Tower", "Train",
        "Tree", "Twilight", "Valley", "Voice", "Wall", "War", "Water", "Wave", "White", "Wild",
        "Wind", "Window", "Winter", "Wolf", "Wood", "World", "Year", "Young", "Harvest", "Kingdom",
    ];

    public static readonly string[] TitleLinks = ["of the", "in the", "and the", "beyond the", "under the"];
}

"""Common given names and surnames that Faker's lists lack, by region.

Faker's lists for India, Nigeria, Ghana, Kenya, South Africa, Ethiopia, Turkey,
Iran, Israel, Ukraine, Central Asia, Thailand, Malaysia, Japan, Korea and Vietnam
are short or in their own scripts only (Turkey has 61 surnames), so names that
sales teams write every day were found only after a cue: "Priyanka will send
the quote", "Anil and Sanjay decide", "Ozturk said". These are the names most
often borne in those regions, written as they appear in English-language
business text (Korean given names joined, Vietnamese ones without their
tones). They are graded like Faker's: one that is mostly an English word
("Sunny", "Gift") counts only beside another name or a cue.
"""

from __future__ import annotations

GIVEN_NAMES = {
    "South Asia": """
        Abhishek Ajay Akash Alok Anand Anil Ankit Anupam Arvind Ashish Ashok Ashwin
        Balaji Bharat Chetan Deepak Dinesh Hemant Jayant Karthik Kiran Kishore Kunal
        Lalit Mahesh Manish Manoj Mohan Mukesh Murali Nitin Pankaj Pradeep Prakash
        Prashant Praveen Rajat Rajesh Rajiv Rakesh Ramesh Rohit Sachin Sameer Sandeep
        Sanjay Sanjeev Santosh Satish Shankar Shekhar Shyam Srinivas Subhash Sudhir
        Sumit Sunil Suresh Tarun Uday Varun Venkat Vijay Vikas Vikram Vinay Vinod
        Vishal Vivek Yogesh Faisal Shahid Zubair Rizwan Junaid Aditi Aishwarya Ankita
        Aparna Archana Chitra Deepika Gayatri Geeta Kavita Kavitha Madhuri Mamta
        Manisha Meena Meenakshi Neelam Nirmala Poonam Preeti Priyanka Rashmi Rekha
        Ritu Sangeeta Sapna Seema Shalini Shilpa Shobha Shruti Shweta Smita Sonal
        Suman Sunita Supriya Swati Usha Vandana Vidya Saima Ananya
        Nalini Lalitha Padmini Revathi Sudha Uma Malini Savitri Shanti Sarala Jayanthi Gowri
        Hemalatha Indumathi Kalpana Kiruthika Latha Mythili Nandita Pavithra Ramya Sandhya
        Saranya Sowmya Sujatha Vasanthi Yamuna Ravindra Rajendra Narendra Mahendra Surendra
        Jitendra Devendra Upendra Gopinath Jagannath Raghunath Venkatesh Srinath Sridhar
        Sundar Murugan Senthil Karthikeyan Balasubramanian Arumugam Prabhu Vignesh Dinakar
        Harsha Pranay Abhinav Chirag Jignesh Ketan Nilesh Paresh Rupesh Umesh Kamlesh
    """,
    "West Africa": """
        Ademola Adewale Babajide Bisi Bola Bolaji Bukola Chidi Chidinma Chinonso
        Chioma Chukwuma Dayo Damilola Ebere Femi Folake Folasade Funke Funmilayo
        Kayode Kehinde Kemi Kunle Lanre Nkechi Olamide Olumide Oluwaseun Oluwatobi
        Segun Seun Sola Taiwo Temitope Tolu Tope Tunde Yemi Yaw Efua Esi Ama Aminu
        Bashir Lawal
    """,
    "East and Southern Africa": """
        Zawadi Thandi Thabo Sipho Lindiwe Bongani Themba Zanele Nandi Lerato Palesa
        Tshepo Kagiso
    """,
    "Turkey": """
        Ayşe Ayşegül Elif Büşra Gamze Sevgi Ebru Burcu Pınar Tuğba Ece Çağrı Oğuz
        Kerem Barış Tolga Berk Tuncay Levent
    """,
    "Middle East and Iran": """
        Tarek Amr Mostafa Reem Noura Hoda Hiba Rami Ziad Bassem Hossein Parisa Shirin
        Neda Arash Babak Dariush Farhad Kaveh
    """,
    "East and Southeast Asia": """
        Haruto Takeshi Akiko Keiko Sota Daiki Kaito Takumi Yuto Misaki Ayaka Kenta
        Ryo Satoshi Masaki Tomoko Tatsuya Minjun Jiwoo Seoyeon Jisoo Jiho Sungmin
        Jiyeon Eunji Soyeon Minseo Donghyun Jaehyun Junho Thanh Hieu Huong Trang
        Phuong Khanh Thuy Hoang Duc Fitri Yudi
    """,
    "Ireland": "Oisín Siobhán Sinéad Pádraig",
    "Poland": """
        Bartosz Bartłomiej Małgorzata Zuzanna Sławomir Wiktoria Oliwia Jarosław
        Mirosław Grażyna Bożena Wiesław Zdzisław Lech Martyna Weronika Wojtek Kuba
        Gosia Kasia Basia
    """,
    "Ukraine and Russia, romanised": """
        Oleksandr Oleksiy Oleksii Dmytro Mykola Taras Andriy Andrii Yuriy Yurii Serhiy
        Serhii Volodymyr Kateryna Halyna Tetiana Tetyana Olha Yuliya Anastasiya Lyudmila
        Liudmyla Nataliya Oksana Yevgenia Yevgeny Yevgeniy Evgeny Ksenia Kseniya
        Vyacheslav Artem Artyom Maksym Denys Kostiantyn Viktoriia Viktoriya Darya Sofiia
        Mariia Alla Larysa Valentyna Hennadiy Gennady Anatoliy Anatoly Vitaliy Vitaly
        Valeriy Yaroslav Yaroslava Svitlana Zoya Ihor Petro Pavlo Fedir
    """,
    "Central Asia": """
        Aigerim Nursultan Yerlan Dauren Aizhan Saule Gulnara Rustam Dilnoza Farrukh
        Bekzod Nodira Askar Aibek Ainur Dinara Asel
    """,
    "Thailand, romanised": """
        Somchai Somsak Niran Kittisak Supaporn Siriporn Nattapong Pornthip Anong
        Chaiwat Wichai Thanawat Apinya Somporn Kanya Nattaya Malee Arthit Kritsada Pichai
    """,
    "Malaysia": """
        Faridah Syafiq Izzati Azlan Rosli Zulkifli Norazlina Hazwan Amirul Aiman Farhana
        Hidayah Haziq Shafiq Rahim
    """,
    "Israel, romanised": """
        Yossi Itai Omri Eitan Ronit Yoav Gilad Liat Ofer Erez Dafna Keren Hila Shai Nir
        Idan Maayan
    """,
    "Ethiopia and Eritrea": """
        Abebe Tigist Selam Dawit Mekonnen Alemayehu Hirut Meron Yonas Bereket Tesfaye
        Getachew Tewodros Kidist Mulugeta Yohannes Eyerusalem Biniam Ermias
    """,
    "Nigeria, more": """
        Oluwadamilare Ikechukwu Amaka Obiageli Chinwe Ebele Tochukwu Ugochukwu Somto
        Tijani Garba Yakubu Adamu Danladi Oluwatoyin Omowunmi Toluwani Opeyemi Ayomide
        Ayobami Ayotunde Bamidele Gbenga Jide Rotimi Tosin Wale Yinka Tayo Toyin
    """,
    "Ghana, more": "Adjoa Araba Dzifa Edem Elikem Selasi Senyo Mawuli Delali Kafui",
    "South Africa": """
        Thandeka Nomsa Nokuthula Ntombi Sizwe Lwazi Mpho Refilwe Kamogelo Tumelo Naledi
        Karabo Boitumelo Dineo Lesedi Obakeng Tebogo Buhle Ayanda Mandisa Nokwanda
        Zodwa Vusi Xolani Mzwandile
    """,
    "Kenya, more": "Nyokabi Adhiambo Awino Chelimo Cherono Kendi Gakii Mumbua Kavata Ndinda",
    "Zimbabwe": """
        Rutendo Tinashe Tatenda Fadzai Nyasha Chipo Farai Tendai Tafadzwa Kudzai Rumbidzai
        Tsitsi Chiedza Nyarai Kudakwashe Takudzwa Ruvimbo Simbarashe Tapiwa
    """,
    "South Africa and Botswana, more": """
        Ntokozo Sabelo Nkosinathi Sifiso Thulani Lungelo Mbali Mthunzi Lindani Bheki
        Phumzile Thabiso Katlego Lesego Masego Onalenna Tshegofatso Keabetswe Boipelo
        Oratile Reabetswe
    """,
    "Nigeria, more still": "Nnedi",
    "South Asia, more": """
        Diya Sushma Swapna Navya Sourav Abhijit Debashish Subrata Arindam Sanjukta Moumita
        Priyamvada Keerthana Bhavana Dharani Kalyani Sruthi Gokul Arun Ganesh Shiva Siva
        Vasanth Anirban Sayan Soumya Sudipta Partha Tanmoy Souvik Rituparna Sharmila
        Madhumita Jayashree Bhaskar Pranab Sujoy Kaustav Indranil Debjani Srikanth
        Srinivasan Ramakrishna Venkata Chaitanya Sravani Sirisha Swathi Pavani Bhargavi
        Sravya Vamsi Surya Pranav Manikandan Saravanan Selvam Ilango Kannan Muthu Palani
        Pandian Sekar Shreyas Omkar Pratik Sanket Tushar Vaibhav Vaishali Ashwini Snehal
        Prajakta Pallavi Rupali Sayali
    """,
    "Pakistan and Bangladesh": """
        Sana Nazia Rubina Shabana Parveen Waqar Naveed Hina Mehwish Amna Ahsan Arslan
        Haris Kamran Moeez Shoaib Sohail Talha Umair Zeeshan Aqsa Iqra Mahnoor Rabia Saba
        Sidra Uzma Tahmina Nasrin Shahana Farzana Rokeya Sabina Mahmudul Mizanur Rezaul
        Shafiqul Tanvir Towhid Sabbir
    """,
    "Nepal and Sri Lanka": """
        Bikash Binod Rabin Sabin Sujan Anish Pratima Bimala Chaminda Dilshan Kasun Lahiru
        Nuwan Ruwan Sampath Tharindu Chathura Dilini Nadeesha Sanduni Thilini
    """,
    "Gulf and Levant": """
        Abdulrahman Abdulaziz Saud Sultan Nasser Hamad Majid Fahad Mazen Turki Bandar
        Mishal Nawaf Meshari Talal Mansour Saleh Saad Faris Ammar Anas Bashar Hussam
        Muhannad Osama Qasim Hala Maha Zeina Hessa Latifa Najla Rasha Ghada Ruba Nada
        Shatha Lujain Dalia Jumana Aseel Hind Manal Suad
    """,
    "Indonesia": """
        Dwi Andi Arief Bayu Fajar Agung Bagus Dedi Heru Indra Iwan Kurniawan Lukman Nanda
        Prasetyo Rudi Setiawan Teguh Wawan Dian Eka Endang Lestari Ratna Wulan Yanti
    """,
    "Philippines": """
        Marites Rodel Arnel Rommel Jericho Analyn Arlene Charmaine Divina Glenda Jonalyn
        Luzviminda Marilou Rosalie Teresita Dindo Edgardo Efren Jojo Ramil Reynaldo
        Wilfredo
    """,
    "Turkey, more": """
        Kübra Emir Eren Furkan Hakan Kaan Onur Serkan Volkan Yiğit Gizem İrem Melike Tuba
        Yasemin
    """,
    "East Africa, more": "Mwajuma Mwanaisha Baraka Neema Rehema Bakari Hamisi",
    # English names that are words first: beside a surname only ("Summer Nguyen", "Joy Park")
    "English, words too": "Joy Summer Hope Faith Sue Guy Kit Precious",
}

SURNAMES = {
    "South Asia": """
        Mehta Siddiqui Qureshi Hossain Bhattacharya Kamath Jayasuriya Wickramasinghe
        Shrestha Thapa Gurung
    """,
    "West Africa": """
        Adebayo Babatunde Ibekwe Igwe Nwankwo Odukoya Ogundipe Okoye Oladipo Olatunji
        Oyelaran Adjei Agyeman Amoah Frimpong
    """,
    "East Africa": "Mutua Kipchoge",
    "Turkey": """
        Şahin Çelik Öztürk Aydın Özdemir Doğan Kılıç Koç Özkan Şimşek Polat Korkmaz
        Özgür Aktaş Erdem Güneş Yıldız Yalçın Bulut Keskin Ünal Tekin Acar Kaplan
        Avcı Turan Uçar
    """,
    "Vietnam": "Hoang",
    "Ukraine": """
        Shevchenko Kovalenko Tkachenko Kravchenko Oliynyk Shevchuk Polishchuk Bondar
        Tkachuk Marchenko Lysenko Rudenko Savchenko Petrenko Melnyk Boyko Kovalchuk
        Klymenko Pavlenko Ponomarenko Levchenko Ivanenko Hrytsenko
    """,
    "Central Asia": "Akhmetov Abenov Karimov Mirzaev Rakhimov Bekov",
    "Ethiopia": "Tadesse Bekele Girma Haile Tesfaye Alemu Kebede Gebre Mengistu Wolde",
    "Israel": "Levi Mizrahi Peretz Biton Shapiro Katz Avraham Dahan Azoulay Ohana Malka",
    "Korea, romanised": "Cho Yoon Jang Lim Seo Shin Kwon Hwang Ahn Jeon",
    "South Africa": """
        Mokoena Buthelezi Molefe Naidoo Govender Moodley Chetty Zulu Ndlovu Khumalo
        Sithole Mahlangu Mthembu Ngcobo Mabaso Mkhize Zwane Shabalala Cele Xaba Radebe
    """,
    "Thailand, romanised": "Srisuk Saetang Chaiyaporn Wongsa Rattanakorn",
    # English surnames that are words first: after a first name only ("Grace Young")
    "English, words too": "Young",
}


def given_names() -> set[str]:
    return {name for names in GIVEN_NAMES.values() for name in names.split()}


def surnames() -> set[str]:
    return {name for names in SURNAMES.values() for name in names.split()}

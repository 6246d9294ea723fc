"""Common given names and surnames that Faker's lists lack, by region.

Faker's lists for India, Nigeria, Ghana, Kenya, South Africa, Turkey, Iran,
Japan, Korea and Vietnam are short (Turkey has 61 surnames), so names that
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
}


def given_names() -> set[str]:
    return {name for names in GIVEN_NAMES.values() for name in names.split()}


def surnames() -> set[str]:
    return {name for names in SURNAMES.values() for name in names.split()}

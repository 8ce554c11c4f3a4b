"""The sources the self-assessment cites, copied from the project's verified reference list.

Only the fields confirmed there are filled; a blank DOI or PMID stays blank (Sanacora 2017 has
neither, so it is cited by name alone).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    year: int
    doi: str = ""
    pmid: str = ""
    url: str = ""

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


REFERENCES = {
    reference.key: reference
    for reference in (
        Reference(
            "kroenke2001",
            "Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression "
            "severity measure. J Gen Intern Med 2001;16(9):606-613",
            2001,
            doi="10.1046/j.1525-1497.2001.016009606.x",
            pmid="11556941",
        ),
        Reference(
            "kroenke2003",
            "Kroenke K, Spitzer RL, Williams JB. The Patient Health Questionnaire-2: validity of "
            "a two-item depression screener. Med Care 2003;41(11):1284-1292",
            2003,
            doi="10.1097/01.MLR.0000093487.78664.3C",
            pmid="14583691",
        ),
        Reference(
            "spitzer2006",
            "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing "
            "generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097",
            2006,
            doi="10.1001/archinte.166.10.1092",
            pmid="16717171",
        ),
        Reference(
            "prins2016",
            "Prins A, Bovin MJ, Smolenski DJ, et al. The Primary Care PTSD Screen for DSM-5 "
            "(PC-PTSD-5). J Gen Intern Med 2016;31(10):1206-1211",
            2016,
            doi="10.1007/s11606-016-3703-5",
            pmid="27170304",
        ),
        Reference(
            "bovin2021",
            "Bovin MJ, Kimerling R, Weathers FW, et al. Diagnostic accuracy and acceptability of "
            "the PC-PTSD-5 among US veterans. JAMA Netw Open 2021;4(2):e2036733",
            2021,
            doi="10.1001/jamanetworkopen.2020.36733",
            pmid="33538826",
        ),
        Reference(
            "blevins2015",
            "Blevins CA, Weathers FW, Davis MT, et al. The PTSD Checklist for DSM-5 (PCL-5): "
            "development and initial psychometric evaluation. J Trauma Stress "
            "2015;28(6):489-498",
            2015,
            doi="10.1002/jts.22059",
            pmid="26606250",
        ),
        Reference(
            "bovin2016",
            "Bovin MJ, Marx BP, Weathers FW, et al. Psychometric properties of the PCL-5 in "
            "veterans. Psychol Assess 2016;28(11):1379-1391",
            2016,
            doi="10.1037/pas0000254",
            pmid="26653052",
        ),
        Reference(
            "sanacora2017",
            "Sanacora G, Frye MA, McDonald W, et al. A consensus statement on the use of ketamine "
            "in the treatment of mood disorders. JAMA Psychiatry 2017;74(4):399-405",
            2017,
        ),
        Reference(
            "zarate2006",
            "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-"
            "aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry "
            "2006;63(8):856-864",
            2006,
            doi="10.1001/archpsyc.63.8.856",
            pmid="16894061",
        ),
        Reference(
            "murrough2013",
            "Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in "
            "treatment-resistant major depression: a two-site randomized controlled trial. "
            "Am J Psychiatry 2013;170(10):1134-1142",
            2013,
            doi="10.1176/appi.ajp.2013.13030392",
            pmid="23982301",
        ),
        Reference(
            "feder2021",
            "Feder A, et al. A randomized controlled trial of repeated ketamine administration "
            "for chronic posttraumatic stress disorder. Am J Psychiatry 2021;178(2):193-202",
            2021,
            doi="10.1176/appi.ajp.2020.20050596",
        ),
        Reference(
            "abdallah2022",
            "Abdallah CG, Roache JD, Gueorguieva R, et al. Dose-related effects of ketamine for "
            "antidepressant-resistant symptoms of PTSD in veterans and active duty military. "
            "Neuropsychopharmacology 2022",
            2022,
            doi="10.1038/s41386-022-01266-9",
        ),
        Reference(
            "cipriani2018",
            "Cipriani A, Furukawa TA, Salanti G, et al. Comparative efficacy and acceptability of "
            "21 antidepressant drugs for the acute treatment of adults with major depressive "
            "disorder. Lancet 2018;391(10128):1357-1366",
            2018,
            doi="10.1016/S0140-6736(17)32802-7",
            pmid="29477251",
        ),
        Reference(
            "fda-spravato-label",
            "SPRAVATO (esketamine) prescribing information, US Food and Drug Administration "
            "label, 2026",
            2026,
            url="https://nctr-crs.fda.gov/fdalabel/services/spl/set-ids/"
            "d81a6a79-a74a-44b7-822c-0dfa3036eaed/spl-doc",
        ),
    )
}

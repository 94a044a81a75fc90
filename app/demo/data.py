"""Demo data for Lạng Sơn, 2022, as plain Python data (no database code).

Built from the launching directive copied next to this module
(``chi-thi-thi-dua-2022-lang-son.txt``) and from ``DOMAIN.md`` of the project. The loader
(``thidua demo-data``) turns these constants into rows; it also sets the password of every
account, which is therefore not here.

What is sourced and what is illustrative:
- the annual campaign's name, theme, period end, signer and every target come from the directive;
- the launch date and the directive's number are NOT in the seed text: they are illustrative;
- the districts and the city are the real district-level units of Lạng Sơn in 2022; the split of
  units into cụm and khối is illustrative (the real grouping is in TB số 109/TB-UBND, not seen);
- the enterprises are plausible examples, and every person's name except the chairman's
  (Hồ Tiến Thiệu, who signed the directive) is invented.

Dates are ISO strings "YYYY-MM-DD"; numbers are int or float.
"""

DIRECTIVE_TEXT_FILE = "chi-thi-thi-dua-2022-lang-son.txt"

# Illustrative: the seed carries no date of issue. The directive asks units to start "ngay từ
# những tháng đầu năm", so a date in late January 2022 is plausible, not documented.
LAUNCH_DATE = "2022-01-25"

# ---------------------------------------------------------------------------------------------
# Cụm, khối thi đua (clusters and blocks). The grouping is illustrative (DOMAIN.md, "For
# realistic demo data"): border districts and inland districts with the city form two cụm; the
# provincial departments, mass organisations and enterprises form khối.
# ---------------------------------------------------------------------------------------------
CLUSTERS = [
    {"code": "CUM_BIEN_GIOI", "name": "Cụm thi đua các huyện biên giới", "kind": "cum"},
    {
        "code": "CUM_NOI_DIA",
        "name": "Cụm thi đua các huyện nội địa và thành phố",
        "kind": "cum",
    },
    {"code": "KHOI_TONG_HOP", "name": "Khối thi đua các cơ quan tổng hợp", "kind": "khoi"},
    {
        "code": "KHOI_KINH_TE_KY_THUAT",
        "name": "Khối thi đua các sở kinh tế - kỹ thuật",
        "kind": "khoi",
    },
    {"code": "KHOI_VAN_HOA_XA_HOI", "name": "Khối thi đua văn hóa - xã hội", "kind": "khoi"},
    {"code": "KHOI_NOI_CHINH", "name": "Khối thi đua nội chính", "kind": "khoi"},
    {
        "code": "KHOI_MTTQ_DOAN_THE",
        "name": "Khối thi đua Mặt trận và các đoàn thể",
        "kind": "khoi",
    },
    {"code": "KHOI_DOANH_NGHIEP", "name": "Khối thi đua các doanh nghiệp", "kind": "khoi"},
]


def _unit(code, name, kind, cluster, parent=None):
    return {"code": code, "name": name, "kind": kind, "cluster": cluster, "parent": parent}


# ---------------------------------------------------------------------------------------------
# Đơn vị (units). Top-level units belong to exactly one cluster; sub-units (kind
# "don_vi_truc_thuoc") have a parent and no cluster.
# ---------------------------------------------------------------------------------------------
UNITS = [
    # Khối các cơ quan tổng hợp
    _unit("VP_UBND", "Văn phòng UBND tỉnh", "so_nganh", "KHOI_TONG_HOP"),
    _unit("SO_NOI_VU", "Sở Nội vụ", "so_nganh", "KHOI_TONG_HOP"),
    _unit("SO_TAI_CHINH", "Sở Tài chính", "so_nganh", "KHOI_TONG_HOP"),
    _unit("SO_KH_DT", "Sở Kế hoạch và Đầu tư", "so_nganh", "KHOI_TONG_HOP"),
    # Khối các sở kinh tế - kỹ thuật
    _unit("SO_CONG_THUONG", "Sở Công Thương", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    _unit(
        "SO_NN_PTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "so_nganh",
        "KHOI_KINH_TE_KY_THUAT",
    ),
    _unit("SO_GTVT", "Sở Giao thông vận tải", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    _unit("SO_TN_MT", "Sở Tài nguyên và Môi trường", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    _unit("SO_XAY_DUNG", "Sở Xây dựng", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    _unit("SO_KH_CN", "Sở Khoa học và Công nghệ", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    _unit("SO_TT_TT", "Sở Thông tin và Truyền thông", "so_nganh", "KHOI_KINH_TE_KY_THUAT"),
    # Khối văn hóa - xã hội
    _unit("SO_GD_DT", "Sở Giáo dục và Đào tạo", "so_nganh", "KHOI_VAN_HOA_XA_HOI"),
    _unit("SO_Y_TE", "Sở Y tế", "so_nganh", "KHOI_VAN_HOA_XA_HOI"),
    _unit(
        "SO_VH_TT_DL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "so_nganh",
        "KHOI_VAN_HOA_XA_HOI",
    ),
    _unit(
        "SO_LD_TB_XH",
        "Sở Lao động - Thương binh và Xã hội",
        "so_nganh",
        "KHOI_VAN_HOA_XA_HOI",
    ),
    _unit("BAN_DAN_TOC", "Ban Dân tộc", "so_nganh", "KHOI_VAN_HOA_XA_HOI"),
    # Khối nội chính
    _unit("SO_TU_PHAP", "Sở Tư pháp", "so_nganh", "KHOI_NOI_CHINH"),
    _unit("THANH_TRA", "Thanh tra tỉnh", "so_nganh", "KHOI_NOI_CHINH"),
    _unit("BCH_QUAN_SU", "Bộ Chỉ huy Quân sự tỉnh", "luc_luong_vu_trang", "KHOI_NOI_CHINH"),
    _unit(
        "BCH_BIEN_PHONG",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "luc_luong_vu_trang",
        "KHOI_NOI_CHINH",
    ),
    _unit("CONG_AN", "Công an tỉnh", "luc_luong_vu_trang", "KHOI_NOI_CHINH"),
    # Khối Mặt trận và các đoàn thể
    _unit("MTTQ", "Ủy ban MTTQ Việt Nam tỉnh", "doan_the", "KHOI_MTTQ_DOAN_THE"),
    _unit("LDLD", "Liên đoàn Lao động tỉnh", "doan_the", "KHOI_MTTQ_DOAN_THE"),
    _unit("TINH_DOAN", "Tỉnh Đoàn", "doan_the", "KHOI_MTTQ_DOAN_THE"),
    _unit("HOI_PHU_NU", "Hội Liên hiệp Phụ nữ tỉnh", "doan_the", "KHOI_MTTQ_DOAN_THE"),
    _unit("HOI_NONG_DAN", "Hội Nông dân tỉnh", "doan_the", "KHOI_MTTQ_DOAN_THE"),
    # Khối doanh nghiệp (illustrative enterprises)
    _unit(
        "DN_XO_SO",
        "Công ty TNHH MTV Xổ số kiến thiết Lạng Sơn",
        "doanh_nghiep",
        "KHOI_DOANH_NGHIEP",
    ),
    _unit(
        "DN_CAP_THOAT_NUOC",
        "Công ty Cổ phần Cấp thoát nước Lạng Sơn",
        "doanh_nghiep",
        "KHOI_DOANH_NGHIEP",
    ),
    _unit(
        "DN_THUY_LOI",
        "Công ty TNHH MTV Khai thác thủy lợi Lạng Sơn",
        "doanh_nghiep",
        "KHOI_DOANH_NGHIEP",
    ),
    # Cụm các huyện biên giới (on the border with China)
    _unit("H_TRANG_DINH", "UBND huyện Tràng Định", "huyen", "CUM_BIEN_GIOI"),
    _unit("H_VAN_LANG", "UBND huyện Văn Lãng", "huyen", "CUM_BIEN_GIOI"),
    _unit("H_CAO_LOC", "UBND huyện Cao Lộc", "huyen", "CUM_BIEN_GIOI"),
    _unit("H_LOC_BINH", "UBND huyện Lộc Bình", "huyen", "CUM_BIEN_GIOI"),
    _unit("H_DINH_LAP", "UBND huyện Đình Lập", "huyen", "CUM_BIEN_GIOI"),
    # Cụm các huyện nội địa và thành phố
    _unit("TP_LANG_SON", "UBND Thành phố Lạng Sơn", "huyen", "CUM_NOI_DIA"),
    _unit("H_BINH_GIA", "UBND huyện Bình Gia", "huyen", "CUM_NOI_DIA"),
    _unit("H_BAC_SON", "UBND huyện Bắc Sơn", "huyen", "CUM_NOI_DIA"),
    _unit("H_VAN_QUAN", "UBND huyện Văn Quan", "huyen", "CUM_NOI_DIA"),
    _unit("H_CHI_LANG", "UBND huyện Chi Lăng", "huyen", "CUM_NOI_DIA"),
    _unit("H_HUU_LUNG", "UBND huyện Hữu Lũng", "huyen", "CUM_NOI_DIA"),
    # Đơn vị trực thuộc (sub-units): no cluster of their own
    _unit(
        "BAN_TDKT",
        "Ban Thi đua - Khen thưởng",
        "don_vi_truc_thuoc",
        None,
        parent="SO_NOI_VU",
    ),
    _unit(
        "BV_DA_KHOA",
        "Bệnh viện Đa khoa tỉnh Lạng Sơn",
        "don_vi_truc_thuoc",
        None,
        parent="SO_Y_TE",
    ),
]

# ---------------------------------------------------------------------------------------------
# The annual campaign launched by the directive.
# ---------------------------------------------------------------------------------------------
ANNUAL_CAMPAIGN = {
    "code": "TD_2022",
    "name": (
        "Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, "
        "bảo đảm quốc phòng, an ninh năm 2022"
    ),
    "theme": "Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bứt phá",
    "kind": "annual",
    "scope": "province",
    # Section 4 of the directive: "Từ ngày phát động thi đua đến hết ngày 31 tháng 12 năm 2022".
    "starts_on": LAUNCH_DATE,
    "ends_on": "2022-12-31",
    "status": "active",
    "launch_document": {
        "kind": "Chỉ thị",
        # Illustrative: the seed text carries no number.
        "number": "01/CT-UBND",
        "title": (
            "Phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, "
            "bảo đảm quốc phòng, an ninh năm 2022"
        ),
        "issued_on": LAUNCH_DATE,  # illustrative, see LAUNCH_DATE
        "signer": "Hồ Tiến Thiệu",
        "signer_title": "Chủ tịch Ủy ban nhân dân tỉnh",
        "text_file": DIRECTIVE_TEXT_FILE,
    },
}


# ---------------------------------------------------------------------------------------------
# Chỉ tiêu (targets): every target of section 2 of the directive, in order, one per number.
# "text" is the exact phrase of the directive. Numbers are converted from the Vietnamese format
# ("3.460" = 3460, "10.984,2" = 10984.2). qualifier: "range" (a - b), "exact" (lower == upper),
# "at_least" ("từ ... trở lên": upper None), "about" ("khoảng a - b"). direction marks targets
# whose number is a change rather than a level ("tăng", "giảm", and "thêm" = additional).
# ---------------------------------------------------------------------------------------------
TARGETS = [
    # a) Các chỉ tiêu kinh tế
    {
        "group": "kinh_te",
        "name": "Tốc độ tăng trưởng kinh tế (GRDP)",
        "lower": 7,
        "upper": 7.5,
        "unit": "%",
        "direction": "increase",
        "qualifier": "range",
        "text": "Tốc độ tăng trưởng kinh tế (GRDP): 7 - 7,5%",
    },
    {
        "group": "kinh_te",
        "name": "Cơ cấu kinh tế: tỷ trọng nông lâm nghiệp",
        "lower": 20,
        "upper": 21,
        "unit": "%",
        "direction": None,
        "qualifier": "range",
        "text": "nông lâm nghiệp chiếm 20 - 21%",
    },
    {
        "group": "kinh_te",
        "name": "Cơ cấu kinh tế: tỷ trọng công nghiệp - xây dựng",
        "lower": 23,
        "upper": 24,
        "unit": "%",
        "direction": None,
        "qualifier": "range",
        "text": "công nghiệp - xây dựng 23 - 24%",
    },
    {
        "group": "kinh_te",
        "name": "Cơ cấu kinh tế: tỷ trọng dịch vụ",
        "lower": 50,
        "upper": 51,
        "unit": "%",
        "direction": None,
        "qualifier": "range",
        "text": "dịch vụ 50 - 51%",
    },
    {
        "group": "kinh_te",
        "name": "Cơ cấu kinh tế: thuế sản phẩm trừ trợ cấp sản phẩm",
        "lower": 4,
        "upper": 5,
        "unit": "%",
        "direction": None,
        "qualifier": "range",
        "text": "thuế sản phẩm trừ trợ cấp sản phẩm 4 - 5%",
    },
    {
        "group": "kinh_te",
        "name": "GRDP bình quân đầu người",
        "lower": 51,
        "upper": 52,
        "unit": "triệu đồng",
        "direction": None,
        "qualifier": "range",
        "text": "Tổng sản phẩm bình quân đầu người trên địa bàn đạt 51 - 52 triệu đồng",
    },
    {
        "group": "kinh_te",
        "name": "Lượng khách du lịch",
        "lower": 3460,
        "upper": 3460,
        "unit": "nghìn lượt",
        "direction": None,
        "qualifier": "exact",
        "text": "Lượng khách du lịch đạt 3.460 nghìn lượt",
    },
    {
        "group": "kinh_te",
        "name": "Doanh thu du lịch",
        "lower": 2600,
        "upper": 2600,
        "unit": "tỷ đồng",
        "direction": None,
        "qualifier": "exact",
        "text": "doanh thu đạt 2.600 tỷ đồng",
    },
    {
        "group": "kinh_te",
        "name": "Kim ngạch xuất khẩu hàng địa phương",
        "lower": 9,
        "upper": 10,
        "unit": "%",
        "direction": "increase",
        "qualifier": "range",
        "text": "Kim ngạch xuất khẩu hàng địa phương tăng 9 - 10%",
    },
    {
        "group": "kinh_te",
        "name": "Tổng thu ngân sách nhà nước trên địa bàn",
        "lower": 7850,
        "upper": 7850,
        "unit": "tỷ đồng",
        "direction": None,
        "qualifier": "exact",
        "text": "Tổng thu ngân sách nhà nước trên địa bàn 7.850 tỷ đồng",
    },
    {
        "group": "kinh_te",
        "name": "Tổng chi ngân sách địa phương",
        "lower": 10984.2,
        "upper": 10984.2,
        "unit": "tỷ đồng",
        "direction": None,
        "qualifier": "exact",
        "text": "Tổng chi ngân sách địa phương 10.984,2 tỷ đồng",
    },
    {
        "group": "kinh_te",
        "name": "Tổng vốn đầu tư phát triển trên địa bàn",
        "lower": 31,
        "upper": 32,
        "unit": "nghìn tỷ đồng",
        "direction": None,
        "qualifier": "about",
        "text": "Tổng vốn đầu tư phát triển trên địa bàn khoảng 31 - 32 nghìn tỷ đồng",
    },
    # b) Các chỉ tiêu xã hội
    {
        "group": "xa_hoi",
        "name": "Số xã đạt chuẩn nông thôn mới xây dựng thêm",
        "lower": 10,
        "upper": 10,
        "unit": "xã",
        "direction": "increase",
        "qualifier": "exact",
        "text": "Xây dựng thêm 10 xã đạt chuẩn nông thôn mới",
    },
    {
        "group": "xa_hoi",
        "name": "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông",
        "lower": 92.8,
        "upper": 92.8,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông đạt 92,8%",
    },
    {
        "group": "xa_hoi",
        "name": "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa",
        "lower": 72,
        "upper": 72,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa đạt 72%",
    },
    {
        "group": "xa_hoi",
        "name": "Số trường học đạt chuẩn quốc gia phát triển thêm",
        "lower": 15,
        "upper": 15,
        "unit": "trường",
        "direction": "increase",
        "qualifier": "exact",
        "text": "Phát triển thêm 15 trường học đạt chuẩn quốc gia",
    },
    {
        "group": "xa_hoi",
        "name": "Tỷ lệ thôn có nhà văn hóa đạt chuẩn",
        "lower": 49,
        "upper": 49,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "Tỷ lệ thôn có nhà văn hoá đạt chuẩn đạt 49%",
    },
    {
        "group": "xa_hoi",
        "name": "Số xã đạt Bộ tiêu chí quốc gia về y tế xã",
        "lower": 180,
        "upper": 180,
        "unit": "xã",
        "direction": None,
        "qualifier": "exact",
        "text": "Có 180 xã đạt Bộ tiêu chí quốc gia về y tế xã",
    },
    {
        "group": "xa_hoi",
        "name": "Số bác sỹ trên 1 vạn dân",
        "lower": 11.2,
        "upper": 11.2,
        "unit": "bác sỹ/1 vạn dân",
        "direction": None,
        "qualifier": "exact",
        "text": "11,2 bác sỹ",
    },
    {
        "group": "xa_hoi",
        "name": "Số giường bệnh trên 1 vạn dân",
        "lower": 32.5,
        "upper": 32.5,
        "unit": "giường bệnh/1 vạn dân",
        "direction": None,
        "qualifier": "exact",
        "text": "32,5 giường bệnh trên 1 vạn dân",
    },
    {
        "group": "xa_hoi",
        "name": "Tỷ lệ người dân tham gia bảo hiểm y tế",
        "lower": 90.4,
        "upper": 90.4,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "tỷ lệ người dân tham gia bảo hiểm y tế đạt 90,4%",
    },
    {
        "group": "xa_hoi",
        "name": "Tỷ lệ lao động qua đào tạo",
        "lower": 60,
        "upper": 60,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "Tỷ lệ lao động qua đào tạo đạt 60%",
    },
    {
        "group": "xa_hoi",
        "name": "Giảm tỷ lệ hộ nghèo",
        "lower": 3,
        "upper": None,
        "unit": "%",
        "direction": "decrease",
        "qualifier": "at_least",
        "text": "Giảm tỷ lệ hộ nghèo từ 3% trở lên",
    },
    {
        "group": "xa_hoi",
        "name": "Giảm tai nạn giao thông (cả 3 tiêu chí)",
        "lower": 5,
        "upper": None,
        "unit": "%",
        "direction": "decrease",
        "qualifier": "at_least",
        "text": "Giảm tai nạn giao thông cả 3 tiêu chí từ 5% trở lên",
    },
    {
        "group": "xa_hoi",
        "name": "Giảm phạm pháp hình sự",
        "lower": 3,
        "upper": None,
        "unit": "%",
        "direction": "decrease",
        "qualifier": "at_least",
        "text": "giảm phạm pháp hình sự từ 3% trở lên",
    },
    # c) Các chỉ tiêu môi trường
    {
        "group": "moi_truong",
        "name": "Diện tích trồng rừng mới",
        "lower": 9000,
        "upper": 9000,
        "unit": "ha",
        "direction": None,
        "qualifier": "exact",
        "text": "Trồng rừng mới 9.000 ha",
    },
    {
        "group": "moi_truong",
        "name": "Tỷ lệ che phủ của rừng",
        "lower": 63.8,
        "upper": 63.8,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "tỷ lệ che phủ của rừng đạt 63,8%",
    },
    {
        "group": "moi_truong",
        "name": "Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh",
        "lower": 97,
        "upper": 97,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh đạt 97%",
    },
    {
        "group": "moi_truong",
        "name": "Tỷ lệ chất thải rắn ở đô thị được thu gom và xử lý",
        "lower": 96.2,
        "upper": 96.2,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "Tỷ lệ chất thải rắn ở đô thị được thu gom và xử lý đạt 96,2%",
    },
    {
        "group": "moi_truong",
        "name": "Tỷ lệ chất thải y tế được xử lý",
        "lower": 100,
        "upper": 100,
        "unit": "%",
        "direction": None,
        "qualifier": "exact",
        "text": "tỷ lệ chất thải y tế được xử lý đạt 100%",
    },
]

# ---------------------------------------------------------------------------------------------
# Phong trào (movements) that the directive (section 3.5) asks the province to carry on. Names
# are the province's names from the directive. Dates and documents are national ones from
# DOMAIN.md section 6; where a value is not confirmed there it is None, never guessed.
# "theme" is None: the directive gives these movements no separate theme.
# ---------------------------------------------------------------------------------------------
MOVEMENTS = [
    {
        "code": "PT_NONG_THON_MOI",
        "name": "Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        "starts_on": "2011-09-20",
        # A standing movement with no end date; its 2021-2025 plan is QĐ 587/QĐ-TTg of
        # 18/5/2022 (DOMAIN.md section 6).
        "ends_on": None,
        "status": "active",
        "launch_document": {
            "kind": "Quyết định",
            "number": "1620/QĐ-TTg",
            # Wording of the title as commonly cited; not checked against the official gazette.
            "title": (
                "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua "
                "“Cả nước chung sức xây dựng nông thôn mới”"
            ),
            "issued_on": "2011-09-20",
            "signer": None,  # not in the sources
            "signer_title": "Thủ tướng Chính phủ",
            "text_file": None,
        },
    },
    {
        "code": "PT_VI_NGUOI_NGHEO",
        "name": "Lạng Sơn cùng cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        "starts_on": "2017-08-21",
        # QĐ 1258/QĐ-TTg covered 2016-2020; the movement went on for 2021-2025 as "Vì người
        # nghèo – Không để ai bị bỏ lại phía sau" under QĐ 666/QĐ-TTg of 02/6/2022, issued
        # after the 2022 directive. No end date is set here.
        "ends_on": None,
        "status": "active",
        "launch_document": {
            "kind": "Quyết định",
            "number": "1258/QĐ-TTg",
            # Wording of the title as commonly cited; not checked against the official gazette.
            "title": (
                "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung tay vì "
                "người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2016 - 2020"
            ),
            "issued_on": "2017-08-21",
            "signer": None,  # not in the sources
            "signer_title": "Thủ tướng Chính phủ",
            "text_file": None,
        },
    },
    {
        "code": "PT_DOANH_NGHIEP",
        "name": "Doanh nghiệp Lạng Sơn hội nhập và phát triển",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        # Launched by the Prime Minister in 2016 (DOMAIN.md section 6); the day is unconfirmed.
        "starts_on": None,
        "ends_on": None,
        "status": "active",
        "launch_document": {
            "kind": None,
            "number": None,  # unconfirmed (DOMAIN.md section 6)
            "title": "Phát động Phong trào thi đua “Doanh nghiệp Việt Nam hội nhập và phát triển”",
            "issued_on": None,  # unconfirmed: launched in 2016
            "signer": None,
            "signer_title": "Thủ tướng Chính phủ",
            "text_file": None,
        },
    },
    {
        "code": "PT_VAN_HOA_CONG_SO",
        "name": "Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        # Launched on 19/5/2019 for 2019-2025 (DOMAIN.md section 6). The period is given by
        # years only: 31/12/2025 as its last day is an assumption.
        "starts_on": "2019-05-19",
        "ends_on": "2025-12-31",
        "status": "active",
        "launch_document": {
            "kind": None,
            "number": None,  # unconfirmed: launched at a ceremony, document not found
            "title": (
                "Phát động Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện "
                "văn hóa công sở” giai đoạn 2019 - 2025"
            ),
            "issued_on": None,
            "signer": None,
            "signer_title": "Thủ tướng Chính phủ",
            "text_file": None,
        },
    },
    {
        "code": "PT_QUYET_THANG",
        "name": "Quyết thắng",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        # The armed forces' standing movement (Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên
        # phòng tỉnh); no launch date or document in the sources.
        "starts_on": None,
        "ends_on": None,
        "status": "active",
        "launch_document": None,
    },
    {
        "code": "PT_VI_AN_NINH_TO_QUOC",
        "name": "Vì an ninh Tổ quốc",
        "theme": None,
        "kind": "movement",
        "scope": "national",
        # The police's movement (Công an tỉnh); the 2020-2025 cycle was launched on 8/8/2020
        # (DOMAIN.md section 6). 31/12/2025 as the cycle's last day is an assumption.
        "starts_on": "2020-08-08",
        "ends_on": "2025-12-31",
        "status": "active",
        "launch_document": None,  # number unconfirmed
    },
]

# ---------------------------------------------------------------------------------------------
# Demo accounts (CONTRACT.md section 3). The loader gives every one the password "demo".
# Council: the chairman plus hoidong01..hoidong10 = 11 members. Following NĐ 91/2017 Art 63 as
# summarised in DOMAIN.md section 2 (and Tây Ninh's 2018 council), the standing vice-chair is
# the Phó Giám đốc Sở Nội vụ who heads the Ban Thi đua - Khen thưởng; the Fatherland Front and
# the Labour Confederation chairs are vice-chairs. Names other than Hồ Tiến Thiệu are invented.
# ---------------------------------------------------------------------------------------------
_HD = "Hội đồng Thi đua - Khen thưởng tỉnh"


def _member(username, full_name, unit, title):
    return {
        "username": username,
        "full_name": full_name,
        "roles": ["council_member"],
        "unit": unit,
        "title": title,
    }


ACCOUNTS = [
    {
        "username": "admin",
        "full_name": "Nguyễn Quang Huy",
        "roles": ["admin"],
        "unit": None,
        "title": "Quản trị hệ thống",
    },
    {
        "username": "thuky",
        "full_name": "Hoàng Thị Thu Hà",
        "roles": ["secretariat"],
        "unit": "BAN_TDKT",
        "title": "Chuyên viên Ban Thi đua - Khen thưởng, Sở Nội vụ",
    },
    {
        "username": "chutich",
        "full_name": "Hồ Tiến Thiệu",
        "roles": ["council_chair", "council_member", "signer"],
        "unit": "VP_UBND",
        "title": "Chủ tịch Ủy ban nhân dân tỉnh; Chủ tịch " + _HD,
    },
    _member(
        "hoidong01",
        "Lương Văn Thắng",
        "SO_NOI_VU",
        "Phó Giám đốc Sở Nội vụ, Trưởng ban Ban Thi đua - Khen thưởng; "
        "Phó Chủ tịch Thường trực " + _HD,
    ),
    _member(
        "hoidong02",
        "Hoàng Văn Minh",
        "MTTQ",
        "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh; Phó Chủ tịch " + _HD,
    ),
    _member(
        "hoidong03",
        "Nông Thị Hạnh",
        "LDLD",
        "Chủ tịch Liên đoàn Lao động tỉnh; Phó Chủ tịch " + _HD,
    ),
    _member(
        "hoidong04",
        "Vi Văn Toàn",
        "VP_UBND",
        "Chánh Văn phòng UBND tỉnh; Ủy viên " + _HD,
    ),
    _member(
        "hoidong05",
        "Lăng Văn Cường",
        "SO_TAI_CHINH",
        "Giám đốc Sở Tài chính; Ủy viên " + _HD,
    ),
    _member(
        "hoidong06",
        "Đinh Thị Lan",
        "SO_KH_DT",
        "Giám đốc Sở Kế hoạch và Đầu tư; Ủy viên " + _HD,
    ),
    _member(
        "hoidong07",
        "Chu Văn Hùng",
        "SO_GD_DT",
        "Giám đốc Sở Giáo dục và Đào tạo; Ủy viên " + _HD,
    ),
    _member(
        "hoidong08",
        "Hà Thị Thu Trang",
        "SO_LD_TB_XH",
        "Giám đốc Sở Lao động - Thương binh và Xã hội; Ủy viên " + _HD,
    ),
    _member(
        "hoidong09",
        "Triệu Văn Long",
        "THANH_TRA",
        "Chánh Thanh tra tỉnh; Ủy viên " + _HD,
    ),
    _member(
        "hoidong10",
        "Mã Thị Hương",
        "TINH_DOAN",
        "Bí thư Tỉnh Đoàn; Ủy viên " + _HD,
    ),
    {
        "username": "donvi1",
        "full_name": "Trần Thị Mai",
        "roles": ["unit_officer"],
        "unit": "SO_Y_TE",
        "title": "Chuyên viên Văn phòng Sở Y tế, phụ trách công tác thi đua, khen thưởng",
    },
    {
        "username": "donvi2",
        "full_name": "Lộc Văn Dũng",
        "roles": ["unit_officer"],
        "unit": "H_CAO_LOC",
        "title": "Chuyên viên Phòng Nội vụ huyện Cao Lộc, phụ trách công tác thi đua, khen thưởng",
    },
]

# The council's membership (app.council): each account's role in the council, as its title above
# says. The term's start is illustrative (the People's Committee's 2021-2026 term); the demo
# needs only a council in office today.
COUNCIL_TERM_START = "2021-07-01"
COUNCIL_MEMBERSHIP = {
    "chutich": "chair",
    "hoidong01": "standing_vice_chair",
    "hoidong02": "vice_chair",
    "hoidong03": "vice_chair",
    "hoidong04": "member",
    "hoidong05": "member",
    "hoidong06": "member",
    "hoidong07": "member",
    "hoidong08": "member",
    "hoidong09": "member",
    "hoidong10": "member",
}

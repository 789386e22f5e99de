#include "domain/demo_data.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

#include "common/assert.hpp"
#include "domain/formats.hpp"

namespace patron::domain {
namespace {

// ---------------------------------------------------------------------------------------------
// Word lists. Static tables so that generating a customer touches no allocation but its strings.
// ---------------------------------------------------------------------------------------------

struct Weighted {
    const char* text;
    int weight;
};

// Surnames with their approximate share of the population in 1/10000 (2020 census order); the
// two-character ones are rare, as they are in life.
constexpr Weighted kSurnames[] = {
    {"王", 712}, {"李", 700}, {"张", 674}, {"刘", 510}, {"陈", 461}, {"杨", 322}, {"黄", 245}, {"赵", 219}, {"吴", 205},
    {"周", 194}, {"徐", 158}, {"孙", 148}, {"马", 144}, {"朱", 131}, {"胡", 126}, {"郭", 112}, {"何", 109}, {"林", 106},
    {"高", 104}, {"罗", 98},  {"郑", 96},  {"梁", 88},  {"谢", 81},  {"宋", 80},  {"唐", 79},  {"韩", 75},  {"冯", 74},
    {"于", 71},  {"董", 69},  {"肖", 65},  {"程", 62},  {"曹", 61},  {"袁", 58},  {"邓", 58},  {"许", 57},  {"傅", 54},
    {"沈", 53},  {"曾", 52},  {"彭", 51},  {"吕", 50},  {"苏", 49},  {"卢", 48},  {"蒋", 47},  {"蔡", 46},  {"贾", 45},
    {"丁", 44},  {"魏", 43},  {"薛", 42},  {"叶", 41},  {"闫", 40},  {"余", 39},  {"潘", 38},  {"杜", 37},  {"戴", 36},
    {"夏", 35},  {"钟", 34},  {"汪", 33},  {"田", 32},  {"任", 31},  {"姜", 30},  {"范", 29},  {"方", 28},  {"石", 27},
    {"姚", 26},  {"谭", 25},  {"廖", 24},  {"邹", 23},  {"熊", 22},  {"金", 21},  {"陆", 20},  {"郝", 19},  {"孔", 18},
    {"白", 17},  {"崔", 16},  {"康", 15},  {"毛", 14},  {"邱", 13},  {"秦", 12},  {"江", 11},  {"史", 10},  {"欧阳", 3},
    {"司马", 1}, {"上官", 1}, {"诸葛", 1}, {"东方", 1}, {"慕容", 1},
};

constexpr const char* kGivenNameChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "红", "文", "辉", "建", "国", "志", "海", "鹏", "宇", "浩", "鑫",
    "婷", "雪", "琳", "晨", "欣", "怡", "佳", "嘉", "子", "梓", "涵", "轩", "博", "俊", "晓", "春", "梅", "林", "斌",
    "峰", "波", "宁", "凯", "亮", "飞", "龙", "云", "燕", "琴", "彬", "东", "新", "宏", "成", "永", "荣", "昊", "然",
    "天", "睿", "泽", "思", "雨", "萱", "诗", "悦", "瑶", "婧", "颖", "倩", "蕾", "洁", "慧", "淑", "珍", "凤", "兵",
    "冰", "健", "坤", "旭", "阳", "帆", "毅", "诚", "鸿", "哲", "航", "铭", "瑞", "祥", "福", "生", "立", "德", "安",
    "庆", "金", "亚", "丹", "莉", "玲", "薇", "露", "岩", "松", "山", "川", "宾", "晶", "翔", "辰", "逸", "舒", "晴",
    "璐", "雯", "蓉", "蓓", "韬", "力", "良", "义", "江", "茜", "彤", "楠", "欢", "佩", "振", "忠", "兴", "元", "月",
};

constexpr const char* kMobilePrefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "170", "173", "175", "176", "177", "178", "180", "181", "182",
    "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "196", "198", "199",
};

struct District {
    const char* name;
    const char* code;  // GB/T 2260 administrative division code, the first 6 digits of an ID card
};

struct City {
    const char* province;       // empty for the four municipalities
    const char* name;           // 北京市
    const char* short_name;     // 北京, as in company names
    const char* area_code;      // telephone area code
    const char* landline_lead;  // first digits local numbers start with
    const char* plate_province;
    const char* plate_letters;  // city letters issued there
    int weight;
    District districts[5];
};

// clang-format off
constexpr City kCities[] = {
    {"", "北京市", "北京", "010", "568", "京", "ABCEFGHJKLMNPQ", 14,
     {{"东城区", "110101"}, {"西城区", "110102"}, {"朝阳区", "110105"}, {"丰台区", "110106"}, {"海淀区", "110108"}}},
    {"", "上海市", "上海", "021", "56", "沪", "ABCDEGHJKLMN", 14,
     {{"黄浦区", "310101"}, {"徐汇区", "310104"}, {"静安区", "310106"}, {"闵行区", "310112"}, {"浦东新区", "310115"}}},
    {"", "天津市", "天津", "022", "258", "津", "ABCDEFGHJKLMN", 6,
     {{"和平区", "120101"}, {"河西区", "120103"}, {"南开区", "120104"}, {"河北区", "120105"}, {"滨海新区", "120116"}}},
    {"", "重庆市", "重庆", "023", "6", "渝", "ABCDFGH", 7,
     {{"渝中区", "500103"}, {"江北区", "500105"}, {"沙坪坝区", "500106"}, {"九龙坡区", "500107"}, {"渝北区", "500112"}}},
    {"广东省", "广州市", "广州", "020", "238", "粤", "A", 10,
     {{"越秀区", "440104"}, {"海珠区", "440105"}, {"天河区", "440106"}, {"白云区", "440111"}, {"番禺区", "440113"}}},
    {"广东省", "深圳市", "深圳", "0755", "238", "粤", "B", 10,
     {{"罗湖区", "440303"}, {"福田区", "440304"}, {"南山区", "440305"}, {"宝安区", "440306"}, {"龙岗区", "440307"}}},
    {"浙江省", "杭州市", "杭州", "0571", "858", "浙", "A", 8,
     {{"上城区", "330102"}, {"拱墅区", "330105"}, {"西湖区", "330106"}, {"滨江区", "330108"}, {"萧山区", "330109"}}},
    {"江苏省", "南京市", "南京", "025", "58", "苏", "A", 7,
     {{"玄武区", "320102"}, {"秦淮区", "320104"}, {"建邺区", "320105"}, {"鼓楼区", "320106"}, {"江宁区", "320115"}}},
    {"江苏省", "苏州市", "苏州", "0512", "6", "苏", "E", 6,
     {{"虎丘区", "320505"}, {"吴中区", "320506"}, {"相城区", "320507"}, {"姑苏区", "320508"}, {"吴江区", "320509"}}},
    {"四川省", "成都市", "成都", "028", "68", "川", "A", 8,
     {{"锦江区", "510104"}, {"青羊区", "510105"}, {"金牛区", "510106"}, {"武侯区", "510107"}, {"成华区", "510108"}}},
    {"湖北省", "武汉市", "武汉", "027", "58", "鄂", "A", 7,
     {{"江岸区", "420102"}, {"江汉区", "420103"}, {"汉阳区", "420105"}, {"武昌区", "420106"}, {"洪山区", "420111"}}},
    {"陕西省", "西安市", "西安", "029", "68", "陕", "A", 6,
     {{"新城区", "610102"}, {"碑林区", "610103"}, {"莲湖区", "610104"}, {"未央区", "610112"}, {"雁塔区", "610113"}}},
    {"山东省", "济南市", "济南", "0531", "68", "鲁", "A", 5,
     {{"历下区", "370102"}, {"市中区", "370103"}, {"槐荫区", "370104"}, {"天桥区", "370105"}, {"历城区", "370112"}}},
    {"山东省", "青岛市", "青岛", "0532", "68", "鲁", "B", 5,
     {{"市南区", "370202"}, {"市北区", "370203"}, {"黄岛区", "370211"}, {"崂山区", "370212"}, {"李沧区", "370213"}}},
    {"河南省", "郑州市", "郑州", "0371", "568", "豫", "A", 6,
     {{"中原区", "410102"}, {"二七区", "410103"}, {"管城回族区", "410104"}, {"金水区", "410105"}, {"惠济区", "410108"}}},
    {"湖南省", "长沙市", "长沙", "0731", "858", "湘", "A", 5,
     {{"芙蓉区", "430102"}, {"天心区", "430103"}, {"岳麓区", "430104"}, {"开福区", "430105"}, {"雨花区", "430111"}}},
    {"福建省", "厦门市", "厦门", "0592", "56", "闽", "D", 4,
     {{"思明区", "350203"}, {"海沧区", "350205"}, {"湖里区", "350206"}, {"集美区", "350211"}, {"同安区", "350212"}}},
    {"辽宁省", "沈阳市", "沈阳", "024", "238", "辽", "A", 4,
     {{"和平区", "210102"}, {"沈河区", "210103"}, {"大东区", "210104"}, {"皇姑区", "210105"}, {"铁西区", "210106"}}},
    {"黑龙江省", "哈尔滨市", "哈尔滨", "0451", "58", "黑", "A", 3,
     {{"道里区", "230102"}, {"南岗区", "230103"}, {"道外区", "230104"}, {"松北区", "230109"}, {"香坊区", "230110"}}},
    {"安徽省", "合肥市", "合肥", "0551", "6", "皖", "A", 4,
     {{"瑶海区", "340102"}, {"庐阳区", "340103"}, {"蜀山区", "340104"}, {"包河区", "340111"}, {"长丰县", "340121"}}},
};

constexpr const char* kRoads[] = {
    "建国路", "人民路", "中山路", "解放路", "和平路", "长江路", "黄河路", "新华路", "文化路", "胜利路",
    "友谊路", "东风路", "学府路", "科技路", "青年路", "朝阳路", "光明路", "幸福路", "建设路", "民主路",
    "公园路", "花园路", "体育路", "迎宾大道", "工业大道", "滨江大道", "世纪大道", "南湖路", "北京路", "金桥路"};

constexpr const char* kEstates[] = {
    "阳光花园", "锦绣家园", "翠苑小区", "金色家园", "华府名苑", "幸福里", "碧水湾", "御景园",
    "书香门第", "绿地新城", "万科城", "融创府", "龙湖花园", "保利香槟", "东方明珠苑", "世纪新城"};
// clang-format on

constexpr const char* kOfficeBuildings[] = {
    "国际大厦", "金融中心", "科技园", "商务中心", "世纪大厦", "创业大厦", "财富广场", "中心大厦"};

// 字号: the trade-name part of a company name.
constexpr const char* kTradeNames[] = {
    "华信", "东方", "恒通", "鑫源", "盛达", "宏远", "瑞丰", "中联", "金鹏", "永安", "新城", "海天",
    "嘉禾", "天诚", "博远", "正泰", "德隆", "鼎盛", "通达", "联创", "远航", "华宇", "金桥", "安捷",
    "广源", "万通", "顺达", "盛世", "恒泰", "鸿运", "锦程", "合力", "众诚", "启明", "聚鑫", "富源",
    "明达", "鹏程", "龙腾", "华盛", "瑞德", "旭日", "晨光", "卓越", "信诚", "宏达",
};

struct Industry {
    const char* full;
    const char* short_form;  // as in the short name people use: 华信 + 汽车
};

constexpr Industry kIndustries[] = {
    {"汽车销售服务", "汽车"}, {"汽车租赁", "租赁"},     {"物流", "物流"},         {"运输", "运输"},
    {"贸易", "贸易"},         {"商贸", "商贸"},         {"科技", "科技"},         {"信息技术", "信息"},
    {"建筑工程", "建工"},     {"机械设备", "机械"},     {"电子", "电子"},         {"实业", "实业"},
    {"餐饮管理", "餐饮"},     {"物业管理", "物业"},     {"投资咨询", "投资"},     {"环保科技", "环保"},
    {"医药", "医药"},         {"食品", "食品"},         {"广告", "广告"},         {"文化传媒", "传媒"},
    {"保险代理", "保险"},     {"供应链管理", "供应链"}, {"新能源科技", "新能源"}, {"建材", "建材"},
};

constexpr Weighted kLegalForms[] = {{"有限公司", 70}, {"有限责任公司", 15}, {"股份有限公司", 10}, {"集团有限公司", 5}};

constexpr Weighted kEnterpriseNatures[] = {
    {"民营企业", 60}, {"国有企业", 15}, {"外资企业", 10}, {"合资企业", 10}, {"集体企业", 5}};

constexpr Weighted kCategories[] = {{"general", 40}, {"potential", 30}, {"target", 20}, {"key", 10}};
constexpr Weighted kGradeWeights[] = {{"", 40}, {"A", 15}, {"B", 25}, {"C", 20}};
constexpr Weighted kColors[] = {{"白", 30}, {"黑", 25}, {"银", 15}, {"灰", 15}, {"红", 8}, {"蓝", 7}};

constexpr const char* kCompanyContactTitles[] = {
    "副总经理", "采购经理", "财务", "司机", "车队队长", "行政主管", "办公室主任"};
constexpr const char* kFamilyContactTitles[] = {"本人家属", "配偶", "子女", "司机", "朋友"};

struct Brand {
    const char* name;
    const char* wmis[2];  // world manufacturer identifiers used for this brand in China
    int wmi_count;
    const char* models[6];
    int model_count;
    bool new_energy;  // mostly green plates
    int weight;
};

constexpr Brand kBrands[] = {
    {"大众", {"LSV", "LFV"}, 2, {"帕萨特", "朗逸", "途观L", "迈腾", "速腾", "宝来"}, 6, false, 16},
    {"丰田", {"LVG", "LFM"}, 2, {"凯美瑞", "卡罗拉", "汉兰达", "RAV4荣放", "雷凌", "亚洲龙"}, 6, false, 10},
    {"本田", {"LHG", "LVH"}, 2, {"雅阁", "思域", "CR-V", "凌派", "飞度", "皓影"}, 6, false, 8},
    {"日产", {"LGB"}, 1, {"轩逸", "天籁", "奇骏", "逍客"}, 4, false, 7},
    {"别克", {"LSG"}, 1, {"君威", "君越", "英朗", "GL8", "昂科威"}, 5, false, 6},
    {"雪佛兰", {"LSG"}, 1, {"科鲁泽", "迈锐宝XL", "探界者"}, 3, false, 3},
    {"宝马", {"LBV", "WBA"}, 2, {"3系", "5系", "X1", "X3", "X5"}, 5, false, 6},
    {"奔驰", {"LE4", "WDD"}, 2, {"C级", "E级", "GLC", "GLE", "A级"}, 5, false, 6},
    {"奥迪", {"LFV"}, 1, {"A4L", "A6L", "Q5L", "Q3", "A3"}, 5, false, 6},
    {"比亚迪", {"LGX"}, 1, {"汉", "唐", "宋PLUS", "秦PLUS", "元PLUS", "海豚"}, 6, true, 10},
    {"吉利", {"L6T"}, 1, {"帝豪", "博越", "星越L", "缤越"}, 4, false, 7},
    {"长安", {"LS5"}, 1, {"CS75", "逸动", "UNI-K", "CS55"}, 4, false, 5},
    {"哈弗", {"LGW"}, 1, {"H6", "大狗", "H9"}, 3, false, 4},
    {"特斯拉", {"LRW"}, 1, {"Model 3", "Model Y"}, 2, true, 3},
    {"现代", {"LBE"}, 1, {"伊兰特", "途胜", "索纳塔"}, 3, false, 3},
    {"福特", {"LVS"}, 1, {"福克斯", "蒙迪欧", "锐界"}, 3, false, 3},
    {"马自达", {"LVR"}, 1, {"昂克赛拉", "CX-5", "阿特兹"}, 3, false, 2},
};

// Characters allowed in a VIN (no I, O, Q), and the model-year codes from 2010 on (position 10).
constexpr std::string_view kVinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
constexpr std::string_view kModelYearCodes = "ABCDEFGHJKLMNPRSTVWXY123456789";
constexpr int kFirstModelYear = 2010;
constexpr std::uint64_t kVinSerials = 1000000;                              // positions 12-17
constexpr std::uint64_t kVinSequenceSpan = kVinSerials * kVinChars.size();  // x plant code (position 11)
constexpr std::uint64_t kVinScramble = 2654435761;                          // prime, coprime to the span (2^6 3 5^6 11)

// Unified social credit code alphabet (GB 32100) and plate letters (no I, O).
constexpr std::string_view kCreditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::string_view kPlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

template <typename T, std::size_t N>
constexpr std::array<int, N> Cumulative(const T (&table)[N]) {
    std::array<int, N> out{};
    int sum = 0;
    for (std::size_t entry_idx = 0; entry_idx < N; ++entry_idx) {
        sum += table[entry_idx].weight;
        out[entry_idx] = sum;
    }
    return out;
}

constexpr auto kSurnameCumulative = Cumulative(kSurnames);
constexpr auto kCityCumulative = Cumulative(kCities);
constexpr auto kBrandCumulative = Cumulative(kBrands);
constexpr auto kLegalFormCumulative = Cumulative(kLegalForms);
constexpr auto kEnterpriseNatureCumulative = Cumulative(kEnterpriseNatures);
constexpr auto kCategoryCumulative = Cumulative(kCategories);
constexpr auto kGradeCumulative = Cumulative(kGradeWeights);
constexpr auto kColorCumulative = Cumulative(kColors);

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

void AppendNumber(std::string& out, std::uint64_t value) { out += std::to_string(value); }

void AppendPadded(std::string& out, int value, int width) {
    char buffer[8];
    for (int digit_idx = width - 1; digit_idx >= 0; --digit_idx) {
        buffer[digit_idx] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buffer, static_cast<std::size_t>(width));
}

// GB 11714 check character of an 8-character organisation code body.
char OrganizationCheck(std::string_view body) {
    static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t char_idx = 0; char_idx < 8; ++char_idx) {
        char c = body[char_idx];
        int value = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
        sum += value * kWeights[char_idx];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

// GB 32100 check character of the first 17 characters of a unified social credit code.
char CreditCodeCheck(std::string_view first17) {
    static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (std::size_t char_idx = 0; char_idx < 17; ++char_idx) {
        sum += static_cast<int>(kCreditCodeChars.find(first17[char_idx])) * kWeights[char_idx];
    }
    return kCreditCodeChars[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

}  // namespace

DemoDataGenerator::DemoDataGenerator(std::uint64_t seed) : engine_(seed) {
    vin_counter_ = Uniform(0, kVinSequenceSpan - 1);
}

std::uint64_t DemoDataGenerator::Uniform(std::uint64_t lo, std::uint64_t hi) {
    PATRON_ASSERT(lo <= hi);
    std::uint64_t span = hi - lo + 1;  // 0 when the range is all of uint64
    std::uint64_t raw = engine_();
    if (span == 0) return raw;
    // Multiply-shift (Lemire) instead of %: no division, bias below span / 2^64.
    __extension__ using Uint128 = unsigned __int128;
    return lo + static_cast<std::uint64_t>((static_cast<Uint128>(raw) * span) >> 64);
}

template <std::size_t N>
std::size_t DemoDataGenerator::Pick(const std::array<int, N>& cumulative) {
    auto ticket = static_cast<int>(Uniform(0, static_cast<std::uint64_t>(cumulative.back()) - 1));
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), ticket) -
                                    cumulative.begin());
}

bool DemoDataGenerator::Chance(int percent) { return Uniform(0, 99) < static_cast<std::uint64_t>(percent); }

std::size_t DemoDataGenerator::Index(std::size_t size) { return static_cast<std::size_t>(Uniform(0, size - 1)); }

std::size_t DemoDataGenerator::PickCity() { return Pick(kCityCumulative); }

void DemoDataGenerator::AppendDigits(std::string& out, int count) {
    while (count > 0) {
        std::uint64_t raw = engine_();
        for (int digit_idx = 0; digit_idx < 18 && count > 0; ++digit_idx, --count) {
            out.push_back(static_cast<char>('0' + raw % 10));
            raw /= 10;
        }
    }
}

void DemoDataGenerator::AppendDate(std::string& out, int year_from, int year_to) {
    PATRON_ASSERT(year_from <= year_to);
    int year = static_cast<int>(Uniform(static_cast<std::uint64_t>(year_from), static_cast<std::uint64_t>(year_to)));
    int month = static_cast<int>(Uniform(1, 12));
    int day = static_cast<int>(Uniform(1, static_cast<std::uint64_t>(DaysInMonth(year, month))));
    AppendPadded(out, year, 4);
    out.push_back('-');
    AppendPadded(out, month, 2);
    out.push_back('-');
    AppendPadded(out, day, 2);
}

std::string DemoDataGenerator::PersonName() {
    std::string name;
    name.reserve(12);
    name += kSurnames[Pick(kSurnameCumulative)].text;
    int given = Chance(30) ? 1 : 2;
    for (int char_idx = 0; char_idx < given; ++char_idx) name += kGivenNameChars[Index(std::size(kGivenNameChars))];
    return name;
}

std::string DemoDataGenerator::MobilePhoneImpl() {
    std::string phone;
    phone.reserve(11);
    phone += kMobilePrefixes[Index(std::size(kMobilePrefixes))];
    AppendDigits(phone, 8);
    return phone;
}

std::string DemoDataGenerator::MobilePhone() { return MobilePhoneImpl(); }

std::string DemoDataGenerator::LandlineIn(std::size_t city) {
    const City& info = kCities[city];
    std::string_view lead = info.landline_lead;
    std::string phone;
    phone.reserve(13);
    phone += info.area_code;
    phone.push_back('-');
    phone.push_back(lead[Index(lead.size())]);
    AppendDigits(phone, 7);
    return phone;
}

std::string DemoDataGenerator::Landline() { return LandlineIn(PickCity()); }

std::string DemoDataGenerator::IdCardNumberIn(std::size_t city) {
    std::string id;
    id.reserve(18);
    id += kCities[city].districts[Index(std::size(kCities[city].districts))].code;
    std::string date;
    AppendDate(date, 1950, 2004);  // YYYY-MM-DD
    id.append(date, 0, 4);
    id.append(date, 5, 2);
    id.append(date, 8, 2);
    AppendPadded(id, static_cast<int>(Uniform(1, 999)), 3);
    id.push_back(IdCardCheckDigit(id));
    return id;
}

std::string DemoDataGenerator::IdCardNumber() { return IdCardNumberIn(PickCity()); }

std::string DemoDataGenerator::SocialCreditCodeIn(std::size_t city) {
    // "9" registered by the market regulator, "1" enterprise; then the district; then the
    // 9-character organisation code, "MA" for those issued since 2015, with its own check.
    std::string code;
    code.reserve(18);
    code += "91";
    code += kCities[city].districts[Index(std::size(kCities[city].districts))].code;
    std::size_t body_start = code.size();
    code += "MA";
    for (int char_idx = 0; char_idx < 6; ++char_idx) code.push_back(kCreditCodeChars[Index(kCreditCodeChars.size())]);
    code.push_back(OrganizationCheck(std::string_view(code).substr(body_start, 8)));
    code.push_back(CreditCodeCheck(code));
    return code;
}

std::string DemoDataGenerator::SocialCreditCode() { return SocialCreditCodeIn(PickCity()); }

DemoDataGenerator::CompanyParts DemoDataGenerator::PickCompany(std::size_t city) {
    CompanyParts parts{};
    parts.city = city;
    parts.trade_name = Index(std::size(kTradeNames));
    parts.industry = Index(std::size(kIndustries));
    parts.legal_form = Pick(kLegalFormCumulative);
    return parts;
}

std::string DemoDataGenerator::CompanyNameOf(const CompanyParts& parts) const {
    std::string name;
    name.reserve(48);
    name += kCities[parts.city].short_name;
    name += kTradeNames[parts.trade_name];
    name += kIndustries[parts.industry].full;
    name += kLegalForms[parts.legal_form].text;
    return name;
}

std::string DemoDataGenerator::CompanyName() { return CompanyNameOf(PickCompany(PickCity())); }

std::string DemoDataGenerator::AddressIn(std::size_t city, AddressDetail detail) {
    const City& info = kCities[city];
    std::string address;
    address.reserve(96);
    address += info.province;
    address += info.name;
    address += info.districts[Index(std::size(info.districts))].name;
    address += kRoads[Index(std::size(kRoads))];
    AppendNumber(address, Chance(80) ? Uniform(1, 199) : Uniform(200, 999));
    address += "号";
    if (detail == AddressDetail::kResidential) {
        address += kEstates[Index(std::size(kEstates))];
        AppendNumber(address, Uniform(1, 30));
        address += "栋";
        AppendNumber(address, Uniform(1, 4));
        address += "单元";
        AppendNumber(address, Uniform(1, 28) * 100 + Uniform(1, 4));
        address += "室";
    } else if (detail == AddressDetail::kOffice) {
        std::uint64_t floor = Uniform(2, 35);
        address += kOfficeBuildings[Index(std::size(kOfficeBuildings))];
        AppendNumber(address, floor);
        address += "层";
        AppendNumber(address, floor * 100 + Uniform(1, 20));
        address += "室";
    }
    return address;
}

std::string DemoDataGenerator::Address() {
    std::uint64_t roll = Uniform(1, 100);
    auto detail = roll <= 40   ? AddressDetail::kStreet
                  : roll <= 75 ? AddressDetail::kResidential
                               : AddressDetail::kOffice;
    return AddressIn(PickCity(), detail);
}

std::string DemoDataGenerator::PlateIn(std::size_t city, bool new_energy) {
    const City& info = kCities[city];
    std::string_view letters = info.plate_letters;
    std::string plate;
    plate.reserve(12);
    plate += info.plate_province;
    plate.push_back(letters[Index(letters.size())]);
    if (new_energy) {
        // Green plate: D (battery electric) or F (plug-in hybrid) and five digits.
        plate.push_back(Chance(75) ? 'D' : 'F');
        AppendDigits(plate, 5);
        return plate;
    }
    AppendDigits(plate, 5);
    if (Chance(40)) {
        // Many plates carry a letter among the digits (京A3B127), some two.
        std::size_t first = plate.size() - 5;
        plate[first + Index(5)] = kPlateLetters[Index(kPlateLetters.size())];
        if (Chance(20)) plate[first + Index(5)] = kPlateLetters[Index(kPlateLetters.size())];
    }
    return plate;
}

std::string DemoDataGenerator::Plate() { return PlateIn(PickCity(), Chance(10)); }

std::string DemoDataGenerator::VinFor(std::size_t brand, int model_year) {
    const Brand& info = kBrands[brand];
    std::string vin;
    vin.reserve(17);
    vin += info.wmis[Index(static_cast<std::size_t>(info.wmi_count))];
    for (int char_idx = 0; char_idx < 5; ++char_idx) vin.push_back(kVinChars[Index(kVinChars.size())]);  // VDS
    vin.push_back('0');  // check digit, below
    int year_idx = std::clamp(model_year - kFirstModelYear, 0, static_cast<int>(kModelYearCodes.size()) - 1);
    vin.push_back(kModelYearCodes[static_cast<std::size_t>(year_idx)]);
    // Plant code and serial number come from a counter, so VINs of one generator are unique (see header).
    // Multiplying by a constant coprime to the span permutes it, so that they do not look consecutive.
    std::uint64_t sequence = vin_counter_ * kVinScramble % kVinSequenceSpan;
    vin_counter_ = (vin_counter_ + 1) % kVinSequenceSpan;
    vin.push_back(kVinChars[sequence / kVinSerials]);
    AppendPadded(vin, static_cast<int>(sequence % kVinSerials), 6);
    vin[8] = VinCheckDigit(vin);
    return vin;
}

std::string DemoDataGenerator::Vin() {
    std::size_t brand = Pick(kBrandCumulative);
    return VinFor(brand, static_cast<int>(Uniform(2015, 2026)));
}

std::pair<std::string, std::string> DemoDataGenerator::BrandModel() {
    const Brand& info = kBrands[Pick(kBrandCumulative)];
    return {info.name, info.models[Index(static_cast<std::size_t>(info.model_count))]};
}

std::string DemoDataGenerator::Color() { return kColors[Pick(kColorCumulative)].text; }

std::string DemoDataGenerator::Date(int year_from, int year_to) {
    std::string date;
    date.reserve(10);
    AppendDate(date, year_from, year_to);
    return date;
}

Customer DemoDataGenerator::MakeCustomer() {
    Customer customer;
    std::size_t city = PickCity();
    last_city_ = city;
    bool company = Chance(15);
    customer.kind = company ? "company" : "individual";
    customer.category = kCategories[Pick(kCategoryCumulative)].text;
    if (Chance(10)) {
        customer.customer_type = "special";
        customer.special_kind = kSpecialKinds[1 + Index(std::size(kSpecialKinds) - 1)];  // [0] is ""
    } else {
        customer.customer_type = "general";
    }
    customer.grade = kGradeWeights[Pick(kGradeCumulative)].text;
    // Where a person was registered at birth is often not where they live now.
    std::size_t origin_city = Chance(70) ? city : PickCity();

    customer.phones.push_back(Phone{"mobile", MobilePhoneImpl(), ""});
    int contact_count = 0;
    if (company) {
        CompanyParts parts = PickCompany(city);
        customer.company_name = CompanyNameOf(parts);
        customer.id_number = SocialCreditCodeIn(city);
        customer.enterprise_nature = kEnterpriseNatures[Pick(kEnterpriseNatureCumulative)].text;
        if (Chance(50)) {
            // Named after the person we deal with, who is then the primary contact.
            customer.name = PersonName();
            customer.contacts.push_back(
                Contact{customer.name, Chance(70) ? "总经理" : "负责人", customer.phones[0].number, "", "", true});
        } else {
            customer.name = kTradeNames[parts.trade_name];
            customer.name += kIndustries[parts.industry].short_form;
        }
        if (Chance(70)) {
            bool fax = Chance(25);
            customer.phones.push_back(Phone{fax ? "fax" : "landline", LandlineIn(city), fax ? "传真" : "办公室"});
        }
        contact_count = Chance(10) ? 0 : static_cast<int>(Uniform(1, 2));
        customer.address = AddressIn(city, Chance(50) ? AddressDetail::kOffice : AddressDetail::kStreet);
    } else {
        customer.name = PersonName();
        if (Chance(70)) customer.id_number = IdCardNumberIn(origin_city);
        if (Chance(35)) {
            if (Chance(60)) {
                customer.phones.push_back(Phone{"landline", LandlineIn(city), "家"});
            } else {
                customer.phones.push_back(Phone{"mobile", MobilePhoneImpl(), "备用"});
            }
        }
        std::uint64_t roll = Uniform(1, 100);
        contact_count = roll <= 55 ? 0 : roll <= 90 ? 1 : 2;
        customer.address = AddressIn(city, Chance(70) ? AddressDetail::kResidential : AddressDetail::kStreet);
    }
    while (static_cast<int>(customer.contacts.size()) < contact_count) {
        Contact contact;
        contact.name = PersonName();
        contact.title = company ? kCompanyContactTitles[Index(std::size(kCompanyContactTitles))]
                                : kFamilyContactTitles[Index(std::size(kFamilyContactTitles))];
        contact.mobile = MobilePhoneImpl();
        if (company && Chance(20)) contact.landline = LandlineIn(city);
        contact.is_primary = customer.contacts.empty() && company;
        customer.contacts.push_back(std::move(contact));
    }
    return customer;
}

std::vector<Vehicle> DemoDataGenerator::MakeVehicles() {
    std::vector<Vehicle> vehicles(Chance(80) ? 1 : 2);
    for (Vehicle& vehicle : vehicles) {
        std::size_t brand = Pick(kBrandCumulative);
        const Brand& info = kBrands[brand];
        vehicle.brand = info.name;
        vehicle.model = info.models[Index(static_cast<std::size_t>(info.model_count))];
        vehicle.color = Color();
        vehicle.purchase_date = Date(2019, 2026);
        // A car bought late in a year is usually already next year's model.
        int purchase_year = (vehicle.purchase_date[0] - '0') * 1000 + (vehicle.purchase_date[1] - '0') * 100 +
                            (vehicle.purchase_date[2] - '0') * 10 + (vehicle.purchase_date[3] - '0');
        vehicle.vin = VinFor(brand, purchase_year + (Chance(30) ? 1 : 0));
        std::size_t city = Chance(85) ? last_city_ : PickCity();
        vehicle.plate = PlateIn(city, info.new_energy ? Chance(90) : Chance(3));
        vehicle.sold_by_us = Chance(85);
    }
    return vehicles;
}

}  // namespace patron::domain

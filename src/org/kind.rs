//! Kinds of union units, their levels, blocs, and which parent each kind may have.

use chrono::NaiveDate;

/// The day the 2025 restructuring took effect: district federations and local sector
/// unions were dissolved and commune/ward unions took their place.
pub const RESTRUCTURING_2025: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The four levels of the union system (*hệ thống tổ chức công đoàn*), plus the units
/// inside a grassroots union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Level {
    /// Level 1: the Vietnam General Confederation of Labour (VGCL).
    National,
    /// Level 2: provincial/city federations, national sector unions, unions of state
    /// groups and corporations.
    Provincial,
    /// Level 3: the level directly above grassroots (*công đoàn cấp trên trực tiếp cơ
    /// sở*).
    DirectUpper,
    /// Level 4: grassroots unions (*công đoàn cơ sở*) and *nghiệp đoàn*.
    Grassroots,
    /// Inside a grassroots union: member grassroots unions, departments, groups.
    Internal,
}

impl Level {
    /// The level's number, 1 (national) to 4 (grassroots); 5 for internal units.
    pub fn number(self) -> u8 {
        match self {
            Level::National => 1,
            Level::Provincial => 2,
            Level::DirectUpper => 3,
            Level::Grassroots => 4,
            Level::Internal => 5,
        }
    }
}

labelled_enum! {
    /// What a union unit is (DOMAIN: the union hierarchy).
    pub enum UnitKind {
        /// *Tổng Liên đoàn Lao động Việt Nam* (VGCL).
        Confederation => ("confederation", "Tổng Liên đoàn Lao động Việt Nam", "Vietnam General Confederation of Labour"),
        /// *Liên đoàn Lao động tỉnh/thành phố*.
        ProvincialFederation => ("provincial_federation", "Liên đoàn Lao động tỉnh, thành phố", "provincial federation of labour"),
        /// *Công đoàn ngành trung ương* (e.g. Công đoàn Giáo dục Việt Nam).
        NationalSectorUnion => ("national_sector_union", "Công đoàn ngành trung ương", "national sector union"),
        /// *Công đoàn tập đoàn, tổng công ty* under the VGCL.
        CorporationUnion => ("corporation_union", "Công đoàn tập đoàn, tổng công ty", "union of a state group or corporation"),
        /// *Liên đoàn Lao động quận/huyện* (until 2025-06-30).
        DistrictFederation => ("district_federation", "Liên đoàn Lao động quận, huyện", "district federation of labour"),
        /// *Công đoàn ngành địa phương* (e.g. Công đoàn ngành Giáo dục Hà Nội; until 2025-06-30).
        LocalSectorUnion => ("local_sector_union", "Công đoàn ngành địa phương", "local sector union"),
        /// *Công đoàn các khu công nghiệp*.
        IndustrialZoneUnion => ("industrial_zone_union", "Công đoàn các khu công nghiệp", "industrial-zone union"),
        /// *Công đoàn xã, phường, đặc khu* (from 2025-07-01).
        CommuneUnion => ("commune_union", "Công đoàn xã, phường, đặc khu", "commune or ward union"),
        /// *Công đoàn cơ sở* (CĐCS): one per school, company or agency.
        Grassroots => ("grassroots", "Công đoàn cơ sở", "grassroots union"),
        /// *Nghiệp đoàn*: a union of self-employed workers.
        ProfessionalUnion => ("professional_union", "Nghiệp đoàn", "union of self-employed workers"),
        /// *Công đoàn cơ sở thành viên* inside a grassroots union.
        MemberGrassroots => ("member_grassroots", "Công đoàn cơ sở thành viên", "member grassroots union"),
        /// *Công đoàn bộ phận*.
        Department => ("department", "Công đoàn bộ phận", "union department"),
        /// *Tổ công đoàn*.
        Group => ("group", "Tổ công đoàn", "union group"),
    }
}

impl UnitKind {
    /// The level of the union system this kind belongs to.
    pub fn level(self) -> Level {
        use UnitKind::*;
        match self {
            Confederation => Level::National,
            ProvincialFederation | NationalSectorUnion | CorporationUnion => Level::Provincial,
            DistrictFederation | LocalSectorUnion | IndustrialZoneUnion | CommuneUnion => {
                Level::DirectUpper
            }
            Grassroots | ProfessionalUnion => Level::Grassroots,
            MemberGrassroots | Department | Group => Level::Internal,
        }
    }

    /// The kinds a unit of this kind may have as its parent; empty for the root kind.
    pub fn allowed_parents(self) -> &'static [UnitKind] {
        use UnitKind::*;
        match self {
            Confederation => &[],
            ProvincialFederation | NationalSectorUnion | CorporationUnion => &[Confederation],
            DistrictFederation | LocalSectorUnion | IndustrialZoneUnion | CommuneUnion => {
                &[ProvincialFederation]
            }
            Grassroots => &[
                DistrictFederation,
                LocalSectorUnion,
                IndustrialZoneUnion,
                CommuneUnion,
                ProvincialFederation,
                NationalSectorUnion,
                CorporationUnion,
            ],
            ProfessionalUnion => &[
                DistrictFederation,
                CommuneUnion,
                IndustrialZoneUnion,
                ProvincialFederation,
            ],
            MemberGrassroots => &[Grassroots],
            Department => &[Grassroots, MemberGrassroots],
            Group => &[Grassroots, MemberGrassroots, Department],
        }
    }

    /// Whether a unit of this kind may sit directly under a unit of `parent`'s kind.
    pub fn may_have_parent(self, parent: UnitKind) -> bool {
        self.allowed_parents().contains(&parent)
    }

    /// The dates on which units of this kind may exist by the union's charter, if
    /// limited: district federations and local sector unions end on 2025-06-30;
    /// commune/ward unions start on 2025-07-01.
    pub fn lawful_on(self, date: NaiveDate) -> bool {
        match self {
            UnitKind::DistrictFederation | UnitKind::LocalSectorUnion => date < RESTRUCTURING_2025,
            UnitKind::CommuneUnion => date >= RESTRUCTURING_2025,
            _ => true,
        }
    }

    /// Whether members are attached directly to units of this kind (grassroots and
    /// internal units).
    pub fn holds_members(self) -> bool {
        matches!(self.level(), Level::Grassroots | Level::Internal)
    }
}

labelled_enum! {
    /// How reports group grassroots unions (*khối*).
    pub enum Bloc {
        /// *Khối trường học*: schools and other education units.
        Schools => ("schools", "khối trường học", "schools"),
        /// *Khối sản xuất kinh doanh*: production and business.
        ProductionBusiness => ("production_business", "khối sản xuất kinh doanh", "production and business"),
        /// *Khối hành chính sự nghiệp*: administration and public service.
        Administration => ("administration", "khối hành chính sự nghiệp", "administration and public service"),
        /// Any other grouping.
        Other => ("other", "khối khác", "other"),
    }
}

labelled_enum! {
    /// What a non-union partner body is.
    pub enum PartnerKind {
        /// *Phòng/Sở Giáo dục và Đào tạo*.
        EducationDepartment => ("education_department", "Phòng Giáo dục và Đào tạo", "education department"),
        /// *Ủy ban nhân dân* (people's committee).
        PeoplesCommittee => ("peoples_committee", "Ủy ban nhân dân", "people's committee"),
        /// A school's or agency's management board (*Ban Giám hiệu*, *lãnh đạo đơn vị*).
        Management => ("management", "Ban Giám hiệu, lãnh đạo đơn vị", "management board"),
        /// Any other body.
        Other => ("other", "cơ quan khác", "other body"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_kinds_sit_higher_so_no_chain_of_kinds_loops() {
        let rank = |k: UnitKind| UnitKind::ALL.iter().position(|&x| x == k).unwrap();
        for &kind in UnitKind::ALL {
            for &parent in kind.allowed_parents() {
                assert!(parent.level() <= kind.level(), "{kind:?} under {parent:?}");
                assert!(rank(parent) < rank(kind), "{kind:?} under {parent:?}");
            }
        }
        assert!(UnitKind::Confederation.allowed_parents().is_empty());
    }

    #[test]
    fn restructuring_boundary() {
        let before = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        assert!(UnitKind::DistrictFederation.lawful_on(before));
        assert!(!UnitKind::DistrictFederation.lawful_on(RESTRUCTURING_2025));
        assert!(!UnitKind::CommuneUnion.lawful_on(before));
        assert!(UnitKind::CommuneUnion.lawful_on(RESTRUCTURING_2025));
    }

    #[test]
    fn codes_round_trip_through_serde() {
        for &kind in UnitKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.code()));
            assert_eq!(serde_json::from_str::<UnitKind>(&json).unwrap(), kind);
        }
        assert_eq!(Bloc::Schools.label_vi(), "khối trường học");
    }
}

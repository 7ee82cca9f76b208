//! A slice of the Hà Nội union organisation as the seed reports describe it.

use chrono::NaiveDate;
use thidua::{
    Bloc, Diagnostics, Gender, Hierarchy, LineageEvent, MemberId, MemberRecord, Membership,
    PartnerBody, PartnerId, PartnerKind, PersonName, Reported, Role, Roster, UnitCode, UnitId,
    UnitKind, UnitName, UnitRecord, WorkforceFigure,
};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn id(code: &str) -> UnitId {
    UnitId::from_key(code)
}

pub fn unit(code: &str, kind: UnitKind, name: &str) -> UnitRecord {
    UnitRecord::new(
        id(code),
        UnitCode::try_new(code).unwrap(),
        kind,
        UnitName::try_new(name).unwrap(),
    )
}

pub fn child(code: &str, kind: UnitKind, name: &str, parent: &str) -> UnitRecord {
    unit(code, kind, name).with_parent(id(parent))
}

/// Members of a group of CĐCS: `total` members spread over `schools` units, the
/// first ones taking one extra member each until the total is reached.
pub fn spread(total: u64, units: usize) -> Vec<u64> {
    let base = total / units as u64;
    let extra = (total % units as u64) as usize;
    (0..units).map(|i| base + u64::from(i < extra)).collect()
}

pub struct Slice {
    pub units: Vec<UnitRecord>,
    pub events: Vec<LineageEvent>,
    pub members: Vec<MemberRecord>,
    pub memberships: Vec<Membership>,
    pub workforce: Vec<WorkforceFigure>,
}

impl Slice {
    pub fn hierarchy(&self) -> Result<Hierarchy, Diagnostics> {
        Hierarchy::build(self.units.clone(), vec![], self.events.clone())
    }

    /// The hierarchy with the partner bodies of [`partners`].
    pub fn hierarchy_with_partners(&self) -> Result<Hierarchy, Diagnostics> {
        Hierarchy::build(self.units.clone(), partners(), self.events.clone())
    }

    pub fn roster(&self, h: &Hierarchy) -> Result<Roster, Diagnostics> {
        Roster::build(
            h,
            self.members.clone(),
            self.memberships.clone(),
            self.workforce.clone(),
        )
    }

    fn add_cdcs(
        &mut self,
        parent: &str,
        prefix: &str,
        bloc: Bloc,
        counts: &[u64],
        since: NaiveDate,
    ) {
        for (i, &n) in counts.iter().enumerate() {
            let code = format!("{parent}.{prefix}{:03}", i + 1);
            let name = match bloc {
                Bloc::Schools => format!("Công đoàn Trường {prefix} số {}", i + 1),
                _ => format!("Công đoàn cơ sở {prefix} số {}", i + 1),
            };
            self.units.push(
                child(&code, UnitKind::Grassroots, &name, parent)
                    .with_bloc(bloc)
                    .established_on(since),
            );
            for k in 0..n {
                let member = MemberId::from_key(&format!("{code}/{k}"));
                self.members.push(MemberRecord::new(member));
                self.memberships
                    .push(Membership::new(member, id(&code)).joined_on(since));
            }
        }
    }
}

/// The `k`-th member (from 0) of the CĐCS with this code in [`hanoi`].
pub fn member(code: &str, k: usize) -> MemberId {
    MemberId::from_key(&format!("{code}/{k}"))
}

/// The id of the education department (*Phòng GD&ĐT*) of a district in [`partners`]
/// (`"HN.BTL"`, `"HN.TH"`).
pub fn pgd(district: &str) -> PartnerId {
    PartnerId::from_key(&format!("PGD/{district}"))
}

/// The education departments that co-launch campaigns with the district federations
/// of Bắc Từ Liêm and Tây Hồ.
pub fn partners() -> Vec<PartnerBody> {
    [
        ("HN.BTL", "Phòng Giáo dục và Đào tạo quận Bắc Từ Liêm"),
        ("HN.TH", "Phòng Giáo dục và Đào tạo quận Tây Hồ"),
    ]
    .into_iter()
    .map(|(district, name)| {
        PartnerBody::new(
            pgd(district),
            PartnerKind::EducationDepartment,
            UnitName::try_new(name).unwrap(),
        )
        .with_area(id(district))
    })
    .collect()
}

/// LĐLĐ thành phố Hà Nội with the four district federations of the seed reports and
/// their grassroots unions, established on 2015-01-01:
/// - Bắc Từ Liêm: 60 school CĐCS with 2.803 members;
/// - Gia Lâm: 244 CĐCS with 15.249 members (16.046 workforce), of which 82 school
///   CĐCS with 3.646 members;
/// - Tây Hồ: 20 school CĐCS with 900 members and 15 business CĐCS with 600;
/// - Thạch Thất: the GDNN-GDTX centre, merged in 2016 from two centres, 44 members.
pub fn hanoi() -> Slice {
    let since = date(2015, 1, 1);
    let mut s = Slice {
        units: vec![
            unit(
                "HN",
                UnitKind::ProvincialFederation,
                "Liên đoàn Lao động thành phố Hà Nội",
            )
            .established_on(since),
        ],
        events: vec![],
        members: vec![],
        memberships: vec![],
        workforce: vec![],
    };
    for (code, name) in [
        ("HN.BTL", "Liên đoàn Lao động quận Bắc Từ Liêm"),
        ("HN.TH", "Liên đoàn Lao động quận Tây Hồ"),
        ("HN.GL", "Liên đoàn Lao động huyện Gia Lâm"),
        ("HN.TT", "Liên đoàn Lao động huyện Thạch Thất"),
    ] {
        s.units
            .push(child(code, UnitKind::DistrictFederation, name, "HN").established_on(since));
    }
    s.add_cdcs("HN.BTL", "TH", Bloc::Schools, &spread(2_803, 60), since);
    s.add_cdcs("HN.GL", "TH", Bloc::Schools, &spread(3_646, 82), since);
    s.add_cdcs(
        "HN.GL",
        "DN",
        Bloc::ProductionBusiness,
        &spread(15_249 - 3_646, 244 - 82),
        since,
    );
    s.add_cdcs("HN.TH", "TH", Bloc::Schools, &spread(900, 20), since);
    s.add_cdcs(
        "HN.TH",
        "DN",
        Bloc::ProductionBusiness,
        &spread(600, 15),
        since,
    );
    // Thạch Thất: two centres merged into the GDNN-GDTX centre in 2016.
    let merged = date(2016, 8, 1);
    s.add_cdcs("HN.TT", "TTDN", Bloc::Schools, &[20], since);
    s.add_cdcs("HN.TT", "TTGDTX", Bloc::Schools, &[18], since);
    s.units.push(
        child(
            "HN.TT.GDNN-GDTX",
            UnitKind::Grassroots,
            "Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất",
            "HN.TT",
        )
        .with_bloc(Bloc::Schools)
        .established_on(merged),
    );
    s.events.push(LineageEvent::Merge {
        sources: vec![id("HN.TT.TTDN001"), id("HN.TT.TTGDTX001")],
        into: id("HN.TT.GDNN-GDTX"),
        date: merged,
    });
    // The merged centre's 44 staff: the 38 from the two centres move over, 6 join.
    let mut moved = Vec::new();
    for ms in &mut s.memberships {
        let u = ms.unit();
        if u == id("HN.TT.TTDN001") || u == id("HN.TT.TTGDTX001") {
            *ms = ms.left_on(merged);
            moved.push(Membership::new(ms.member(), id("HN.TT.GDNN-GDTX")).joined_on(merged));
        }
    }
    s.memberships.extend(moved);
    for k in 0..6 {
        let member = MemberId::from_key(&format!("HN.TT.GDNN-GDTX/new{k}"));
        s.members.push(MemberRecord::new(member));
        s.memberships
            .push(Membership::new(member, id("HN.TT.GDNN-GDTX")).joined_on(merged));
    }
    s.workforce.push(WorkforceFigure::new(
        id("HN.GL"),
        date(2022, 5, 31),
        Reported::exact(16_046),
    ));
    s
}

/// The 2025-07-01 restructuring of the slice, as one batch of events on one day:
/// each district federation is dissolved; a commune union is established for each
/// district area and its business CĐCS move under it; the school CĐCS (budget-funded
/// public schools) are dissolved.
pub fn restructure(s: &mut Slice) {
    let day = date(2025, 7, 1);
    let districts = ["HN.BTL", "HN.TH", "HN.GL", "HN.TT"];
    for d in districts {
        let commune = format!("{d}.XA");
        s.units.push(
            child(
                &commune,
                UnitKind::CommuneUnion,
                &format!("Công đoàn xã {d}"),
                "HN",
            )
            .established_on(day),
        );
    }
    let cdcs: Vec<(UnitId, String, Option<Bloc>)> = s
        .units
        .iter()
        .filter(|u| u.kind() == UnitKind::Grassroots)
        .map(|u| (u.id(), u.code().to_string(), u.bloc()))
        .collect();
    for (unit, code, bloc) in cdcs {
        if code.starts_with("HN.TT.TTDN") || code.starts_with("HN.TT.TTGDTX") {
            continue; // merged away in 2016
        }
        let district = code.rsplit_once('.').map(|(d, _)| d.to_owned()).unwrap();
        s.events.push(match bloc {
            Some(Bloc::Schools) => LineageEvent::Dissolve {
                unit,
                date: day,
                successor: None,
            },
            _ => LineageEvent::Reparent {
                unit,
                date: day,
                parent: id(&format!("{district}.XA")),
            },
        });
    }
    for d in districts {
        s.events.push(LineageEvent::Dissolve {
            unit: id(d),
            date: day,
            successor: Some(id(&format!("{d}.XA"))),
        });
    }
}

/// The Hà Nội slice with what the support ledger's seed figures name, the existing
/// figures unchanged: Gia Lâm's first school CĐCS is Trường Mầm non Phú Thị and its
/// first member the teacher Nguyễn Thị Khuy; LĐLĐ huyện Thanh Oai is added with 30
/// school CĐCS of 10 members each, the district Bắc Từ Liêm's schools twin with.
pub fn hanoi_support() -> Slice {
    let since = date(2015, 1, 1);
    let mut s = hanoi();
    if let Some(u) = s.units.iter_mut().find(|u| u.id() == id("HN.GL.TH001")) {
        *u = child(
            "HN.GL.TH001",
            UnitKind::Grassroots,
            "Công đoàn Trường Mầm non Phú Thị",
            "HN.GL",
        )
        .with_bloc(Bloc::Schools)
        .established_on(since);
    }
    let khuy = MemberId::from_key("HN.GL.TH001/0");
    if let Some(m) = s.members.iter_mut().find(|m| m.id() == khuy) {
        *m = MemberRecord::new(khuy)
            .with_name(PersonName::try_new("Nguyễn Thị Khuy").unwrap())
            .with_gender(Gender::Female)
            .with_role(Role::Teacher);
    }
    s.units.push(
        child(
            "HN.TO",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động huyện Thanh Oai",
            "HN",
        )
        .established_on(since),
    );
    s.add_cdcs("HN.TO", "TH", Bloc::Schools, &spread(300, 30), since);
    s
}

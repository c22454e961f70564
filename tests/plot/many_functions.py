from memory_profiler import profile

@profile
def f000():
    a = bytearray(4096)
    return len(a)

@profile
def f001():
    a = bytearray(69632)
    return len(a)

@profile
def f002():
    a = bytearray(135168)
    return len(a)

@profile
def f003():
    a = bytearray(200704)
    return len(a)

@profile
def f004():
    a = bytearray(266240)
    return len(a)

@profile
def f005():
    a = bytearray(331776)
    return len(a)

@profile
def f006():
    a = bytearray(397312)
    return len(a)

@profile
def f007():
    a = bytearray(462848)
    return len(a)

@profile
def f008():
    a = bytearray(528384)
    return len(a)

@profile
def f009():
    a = bytearray(593920)
    return len(a)

@profile
def f010():
    a = bytearray(659456)
    return len(a)

@profile
def f011():
    a = bytearray(724992)
    return len(a)

@profile
def f012():
    a = bytearray(790528)
    return len(a)

@profile
def f013():
    a = bytearray(856064)
    return len(a)

@profile
def f014():
    a = bytearray(921600)
    return len(a)

@profile
def f015():
    a = bytearray(987136)
    return len(a)

@profile
def f016():
    a = bytearray(1052672)
    return len(a)

@profile
def f017():
    a = bytearray(1118208)
    return len(a)

@profile
def f018():
    a = bytearray(1183744)
    return len(a)

@profile
def f019():
    a = bytearray(1249280)
    return len(a)

@profile
def f020():
    a = bytearray(1314816)
    return len(a)

@profile
def f021():
    a = bytearray(1380352)
    return len(a)

@profile
def f022():
    a = bytearray(1445888)
    return len(a)

@profile
def f023():
    a = bytearray(1511424)
    return len(a)

@profile
def f024():
    a = bytearray(1576960)
    return len(a)

@profile
def f025():
    a = bytearray(1642496)
    return len(a)

@profile
def f026():
    a = bytearray(1708032)
    return len(a)

@profile
def f027():
    a = bytearray(1773568)
    return len(a)

@profile
def f028():
    a = bytearray(1839104)
    return len(a)

@profile
def f029():
    a = bytearray(1904640)
    return len(a)

@profile
def f030():
    a = bytearray(1970176)
    return len(a)

@profile
def f031():
    a = bytearray(2035712)
    return len(a)

@profile
def f032():
    a = bytearray(2101248)
    return len(a)

@profile
def f033():
    a = bytearray(2166784)
    return len(a)

@profile
def f034():
    a = bytearray(2232320)
    return len(a)

@profile
def f035():
    a = bytearray(2297856)
    return len(a)

@profile
def f036():
    a = bytearray(2363392)
    return len(a)

@profile
def f037():
    a = bytearray(4096)
    return len(a)

@profile
def f038():
    a = bytearray(69632)
    return len(a)

@profile
def f039():
    a = bytearray(135168)
    return len(a)

@profile
def f040():
    a = bytearray(200704)
    return len(a)

@profile
def f041():
    a = bytearray(266240)
    return len(a)

@profile
def f042():
    a = bytearray(331776)
    return len(a)

@profile
def f043():
    a = bytearray(397312)
    return len(a)

@profile
def f044():
    a = bytearray(462848)
    return len(a)

@profile
def f045():
    a = bytearray(528384)
    return len(a)

@profile
def f046():
    a = bytearray(593920)
    return len(a)

@profile
def f047():
    a = bytearray(659456)
    return len(a)

@profile
def f048():
    a = bytearray(724992)
    return len(a)

@profile
def f049():
    a = bytearray(790528)
    return len(a)

@profile
def f050():
    a = bytearray(856064)
    return len(a)

@profile
def f051():
    a = bytearray(921600)
    return len(a)

@profile
def f052():
    a = bytearray(987136)
    return len(a)

@profile
def f053():
    a = bytearray(1052672)
    return len(a)

@profile
def f054():
    a = bytearray(1118208)
    return len(a)

@profile
def f055():
    a = bytearray(1183744)
    return len(a)

@profile
def f056():
    a = bytearray(1249280)
    return len(a)

@profile
def f057():
    a = bytearray(1314816)
    return len(a)

@profile
def f058():
    a = bytearray(1380352)
    return len(a)

@profile
def f059():
    a = bytearray(1445888)
    return len(a)

@profile
def f060():
    a = bytearray(1511424)
    return len(a)

@profile
def f061():
    a = bytearray(1576960)
    return len(a)

@profile
def f062():
    a = bytearray(1642496)
    return len(a)

@profile
def f063():
    a = bytearray(1708032)
    return len(a)

@profile
def f064():
    a = bytearray(1773568)
    return len(a)

@profile
def f065():
    a = bytearray(1839104)
    return len(a)

@profile
def f066():
    a = bytearray(1904640)
    return len(a)

@profile
def f067():
    a = bytearray(1970176)
    return len(a)

@profile
def f068():
    a = bytearray(2035712)
    return len(a)

@profile
def f069():
    a = bytearray(2101248)
    return len(a)

@profile
def f070():
    a = bytearray(2166784)
    return len(a)

@profile
def f071():
    a = bytearray(2232320)
    return len(a)

@profile
def f072():
    a = bytearray(2297856)
    return len(a)

@profile
def f073():
    a = bytearray(2363392)
    return len(a)

@profile
def f074():
    a = bytearray(4096)
    return len(a)

@profile
def f075():
    a = bytearray(69632)
    return len(a)

@profile
def f076():
    a = bytearray(135168)
    return len(a)

@profile
def f077():
    a = bytearray(200704)
    return len(a)

@profile
def f078():
    a = bytearray(266240)
    return len(a)

@profile
def f079():
    a = bytearray(331776)
    return len(a)

@profile
def f080():
    a = bytearray(397312)
    return len(a)

@profile
def f081():
    a = bytearray(462848)
    return len(a)

@profile
def f082():
    a = bytearray(528384)
    return len(a)

@profile
def f083():
    a = bytearray(593920)
    return len(a)

@profile
def f084():
    a = bytearray(659456)
    return len(a)

@profile
def f085():
    a = bytearray(724992)
    return len(a)

@profile
def f086():
    a = bytearray(790528)
    return len(a)

@profile
def f087():
    a = bytearray(856064)
    return len(a)

@profile
def f088():
    a = bytearray(921600)
    return len(a)

@profile
def f089():
    a = bytearray(987136)
    return len(a)

@profile
def f090():
    a = bytearray(1052672)
    return len(a)

@profile
def f091():
    a = bytearray(1118208)
    return len(a)

@profile
def f092():
    a = bytearray(1183744)
    return len(a)

@profile
def f093():
    a = bytearray(1249280)
    return len(a)

@profile
def f094():
    a = bytearray(1314816)
    return len(a)

@profile
def f095():
    a = bytearray(1380352)
    return len(a)

@profile
def f096():
    a = bytearray(1445888)
    return len(a)

@profile
def f097():
    a = bytearray(1511424)
    return len(a)

@profile
def f098():
    a = bytearray(1576960)
    return len(a)

@profile
def f099():
    a = bytearray(1642496)
    return len(a)

@profile
def f100():
    a = bytearray(1708032)
    return len(a)

@profile
def f101():
    a = bytearray(1773568)
    return len(a)

@profile
def f102():
    a = bytearray(1839104)
    return len(a)

@profile
def f103():
    a = bytearray(1904640)
    return len(a)

@profile
def f104():
    a = bytearray(1970176)
    return len(a)

@profile
def f105():
    a = bytearray(2035712)
    return len(a)

@profile
def f106():
    a = bytearray(2101248)
    return len(a)

@profile
def f107():
    a = bytearray(2166784)
    return len(a)

@profile
def f108():
    a = bytearray(2232320)
    return len(a)

@profile
def f109():
    a = bytearray(2297856)
    return len(a)

@profile
def f110():
    a = bytearray(2363392)
    return len(a)

@profile
def f111():
    a = bytearray(4096)
    return len(a)

@profile
def f112():
    a = bytearray(69632)
    return len(a)

@profile
def f113():
    a = bytearray(135168)
    return len(a)

@profile
def f114():
    a = bytearray(200704)
    return len(a)

@profile
def f115():
    a = bytearray(266240)
    return len(a)

@profile
def f116():
    a = bytearray(331776)
    return len(a)

@profile
def f117():
    a = bytearray(397312)
    return len(a)

@profile
def f118():
    a = bytearray(462848)
    return len(a)

@profile
def f119():
    a = bytearray(528384)
    return len(a)

@profile
def f120():
    a = bytearray(593920)
    return len(a)

@profile
def f121():
    a = bytearray(659456)
    return len(a)

@profile
def f122():
    a = bytearray(724992)
    return len(a)

@profile
def f123():
    a = bytearray(790528)
    return len(a)

@profile
def f124():
    a = bytearray(856064)
    return len(a)

@profile
def f125():
    a = bytearray(921600)
    return len(a)

@profile
def f126():
    a = bytearray(987136)
    return len(a)

@profile
def f127():
    a = bytearray(1052672)
    return len(a)

@profile
def f128():
    a = bytearray(1118208)
    return len(a)

@profile
def f129():
    a = bytearray(1183744)
    return len(a)

@profile
def f130():
    a = bytearray(1249280)
    return len(a)

@profile
def f131():
    a = bytearray(1314816)
    return len(a)

@profile
def f132():
    a = bytearray(1380352)
    return len(a)

@profile
def f133():
    a = bytearray(1445888)
    return len(a)

@profile
def f134():
    a = bytearray(1511424)
    return len(a)

@profile
def f135():
    a = bytearray(1576960)
    return len(a)

@profile
def f136():
    a = bytearray(1642496)
    return len(a)

@profile
def f137():
    a = bytearray(1708032)
    return len(a)

@profile
def f138():
    a = bytearray(1773568)
    return len(a)

@profile
def f139():
    a = bytearray(1839104)
    return len(a)

@profile
def f140():
    a = bytearray(1904640)
    return len(a)

@profile
def f141():
    a = bytearray(1970176)
    return len(a)

@profile
def f142():
    a = bytearray(2035712)
    return len(a)

@profile
def f143():
    a = bytearray(2101248)
    return len(a)

@profile
def f144():
    a = bytearray(2166784)
    return len(a)

@profile
def f145():
    a = bytearray(2232320)
    return len(a)

@profile
def f146():
    a = bytearray(2297856)
    return len(a)

@profile
def f147():
    a = bytearray(2363392)
    return len(a)

@profile
def f148():
    a = bytearray(4096)
    return len(a)

@profile
def f149():
    a = bytearray(69632)
    return len(a)

@profile
def f150():
    a = bytearray(135168)
    return len(a)

@profile
def f151():
    a = bytearray(200704)
    return len(a)

@profile
def f152():
    a = bytearray(266240)
    return len(a)

@profile
def f153():
    a = bytearray(331776)
    return len(a)

@profile
def f154():
    a = bytearray(397312)
    return len(a)

@profile
def f155():
    a = bytearray(462848)
    return len(a)

@profile
def f156():
    a = bytearray(528384)
    return len(a)

@profile
def f157():
    a = bytearray(593920)
    return len(a)

@profile
def f158():
    a = bytearray(659456)
    return len(a)

@profile
def f159():
    a = bytearray(724992)
    return len(a)

@profile
def f160():
    a = bytearray(790528)
    return len(a)

@profile
def f161():
    a = bytearray(856064)
    return len(a)

@profile
def f162():
    a = bytearray(921600)
    return len(a)

@profile
def f163():
    a = bytearray(987136)
    return len(a)

@profile
def f164():
    a = bytearray(1052672)
    return len(a)

@profile
def f165():
    a = bytearray(1118208)
    return len(a)

@profile
def f166():
    a = bytearray(1183744)
    return len(a)

@profile
def f167():
    a = bytearray(1249280)
    return len(a)

@profile
def f168():
    a = bytearray(1314816)
    return len(a)

@profile
def f169():
    a = bytearray(1380352)
    return len(a)

@profile
def f170():
    a = bytearray(1445888)
    return len(a)

@profile
def f171():
    a = bytearray(1511424)
    return len(a)

@profile
def f172():
    a = bytearray(1576960)
    return len(a)

@profile
def f173():
    a = bytearray(1642496)
    return len(a)

@profile
def f174():
    a = bytearray(1708032)
    return len(a)

@profile
def f175():
    a = bytearray(1773568)
    return len(a)

@profile
def f176():
    a = bytearray(1839104)
    return len(a)

@profile
def f177():
    a = bytearray(1904640)
    return len(a)

@profile
def f178():
    a = bytearray(1970176)
    return len(a)

@profile
def f179():
    a = bytearray(2035712)
    return len(a)

@profile
def f180():
    a = bytearray(2101248)
    return len(a)

@profile
def f181():
    a = bytearray(2166784)
    return len(a)

@profile
def f182():
    a = bytearray(2232320)
    return len(a)

@profile
def f183():
    a = bytearray(2297856)
    return len(a)

@profile
def f184():
    a = bytearray(2363392)
    return len(a)

@profile
def f185():
    a = bytearray(4096)
    return len(a)

@profile
def f186():
    a = bytearray(69632)
    return len(a)

@profile
def f187():
    a = bytearray(135168)
    return len(a)

@profile
def f188():
    a = bytearray(200704)
    return len(a)

@profile
def f189():
    a = bytearray(266240)
    return len(a)

@profile
def f190():
    a = bytearray(331776)
    return len(a)

@profile
def f191():
    a = bytearray(397312)
    return len(a)

@profile
def f192():
    a = bytearray(462848)
    return len(a)

@profile
def f193():
    a = bytearray(528384)
    return len(a)

@profile
def f194():
    a = bytearray(593920)
    return len(a)

@profile
def f195():
    a = bytearray(659456)
    return len(a)

@profile
def f196():
    a = bytearray(724992)
    return len(a)

@profile
def f197():
    a = bytearray(790528)
    return len(a)

@profile
def f198():
    a = bytearray(856064)
    return len(a)

@profile
def f199():
    a = bytearray(921600)
    return len(a)

@profile
def f200():
    a = bytearray(987136)
    return len(a)

@profile
def f201():
    a = bytearray(1052672)
    return len(a)

@profile
def f202():
    a = bytearray(1118208)
    return len(a)

@profile
def f203():
    a = bytearray(1183744)
    return len(a)

@profile
def f204():
    a = bytearray(1249280)
    return len(a)

@profile
def f205():
    a = bytearray(1314816)
    return len(a)

@profile
def f206():
    a = bytearray(1380352)
    return len(a)

@profile
def f207():
    a = bytearray(1445888)
    return len(a)

@profile
def f208():
    a = bytearray(1511424)
    return len(a)

@profile
def f209():
    a = bytearray(1576960)
    return len(a)

@profile
def f210():
    a = bytearray(1642496)
    return len(a)

@profile
def f211():
    a = bytearray(1708032)
    return len(a)

@profile
def f212():
    a = bytearray(1773568)
    return len(a)

@profile
def f213():
    a = bytearray(1839104)
    return len(a)

@profile
def f214():
    a = bytearray(1904640)
    return len(a)

@profile
def f215():
    a = bytearray(1970176)
    return len(a)

@profile
def f216():
    a = bytearray(2035712)
    return len(a)

@profile
def f217():
    a = bytearray(2101248)
    return len(a)

@profile
def f218():
    a = bytearray(2166784)
    return len(a)

@profile
def f219():
    a = bytearray(2232320)
    return len(a)

@profile
def f220():
    a = bytearray(2297856)
    return len(a)

@profile
def f221():
    a = bytearray(2363392)
    return len(a)

@profile
def f222():
    a = bytearray(4096)
    return len(a)

@profile
def f223():
    a = bytearray(69632)
    return len(a)

@profile
def f224():
    a = bytearray(135168)
    return len(a)

@profile
def f225():
    a = bytearray(200704)
    return len(a)

@profile
def f226():
    a = bytearray(266240)
    return len(a)

@profile
def f227():
    a = bytearray(331776)
    return len(a)

@profile
def f228():
    a = bytearray(397312)
    return len(a)

@profile
def f229():
    a = bytearray(462848)
    return len(a)

@profile
def f230():
    a = bytearray(528384)
    return len(a)

@profile
def f231():
    a = bytearray(593920)
    return len(a)

@profile
def f232():
    a = bytearray(659456)
    return len(a)

@profile
def f233():
    a = bytearray(724992)
    return len(a)

@profile
def f234():
    a = bytearray(790528)
    return len(a)

@profile
def f235():
    a = bytearray(856064)
    return len(a)

@profile
def f236():
    a = bytearray(921600)
    return len(a)

@profile
def f237():
    a = bytearray(987136)
    return len(a)

@profile
def f238():
    a = bytearray(1052672)
    return len(a)

@profile
def f239():
    a = bytearray(1118208)
    return len(a)

@profile
def f240():
    a = bytearray(1183744)
    return len(a)

@profile
def f241():
    a = bytearray(1249280)
    return len(a)

@profile
def f242():
    a = bytearray(1314816)
    return len(a)

@profile
def f243():
    a = bytearray(1380352)
    return len(a)

@profile
def f244():
    a = bytearray(1445888)
    return len(a)

@profile
def f245():
    a = bytearray(1511424)
    return len(a)

@profile
def f246():
    a = bytearray(1576960)
    return len(a)

@profile
def f247():
    a = bytearray(1642496)
    return len(a)

@profile
def f248():
    a = bytearray(1708032)
    return len(a)

@profile
def f249():
    a = bytearray(1773568)
    return len(a)

@profile
def f250():
    a = bytearray(1839104)
    return len(a)

@profile
def f251():
    a = bytearray(1904640)
    return len(a)

@profile
def f252():
    a = bytearray(1970176)
    return len(a)

@profile
def f253():
    a = bytearray(2035712)
    return len(a)

@profile
def f254():
    a = bytearray(2101248)
    return len(a)

@profile
def f255():
    a = bytearray(2166784)
    return len(a)

@profile
def f256():
    a = bytearray(2232320)
    return len(a)

@profile
def f257():
    a = bytearray(2297856)
    return len(a)

@profile
def f258():
    a = bytearray(2363392)
    return len(a)

@profile
def f259():
    a = bytearray(4096)
    return len(a)

if __name__ == '__main__':
    f000()
    f001()
    f002()
    f003()
    f004()
    f005()
    f006()
    f007()
    f008()
    f009()
    f010()
    f011()
    f012()
    f013()
    f014()
    f015()
    f016()
    f017()
    f018()
    f019()
    f020()
    f021()
    f022()
    f023()
    f024()
    f025()
    f026()
    f027()
    f028()
    f029()
    f030()
    f031()
    f032()
    f033()
    f034()
    f035()
    f036()
    f037()
    f038()
    f039()
    f040()
    f041()
    f042()
    f043()
    f044()
    f045()
    f046()
    f047()
    f048()
    f049()
    f050()
    f051()
    f052()
    f053()
    f054()
    f055()
    f056()
    f057()
    f058()
    f059()
    f060()
    f061()
    f062()
    f063()
    f064()
    f065()
    f066()
    f067()
    f068()
    f069()
    f070()
    f071()
    f072()
    f073()
    f074()
    f075()
    f076()
    f077()
    f078()
    f079()
    f080()
    f081()
    f082()
    f083()
    f084()
    f085()
    f086()
    f087()
    f088()
    f089()
    f090()
    f091()
    f092()
    f093()
    f094()
    f095()
    f096()
    f097()
    f098()
    f099()
    f100()
    f101()
    f102()
    f103()
    f104()
    f105()
    f106()
    f107()
    f108()
    f109()
    f110()
    f111()
    f112()
    f113()
    f114()
    f115()
    f116()
    f117()
    f118()
    f119()
    f120()
    f121()
    f122()
    f123()
    f124()
    f125()
    f126()
    f127()
    f128()
    f129()
    f130()
    f131()
    f132()
    f133()
    f134()
    f135()
    f136()
    f137()
    f138()
    f139()
    f140()
    f141()
    f142()
    f143()
    f144()
    f145()
    f146()
    f147()
    f148()
    f149()
    f150()
    f151()
    f152()
    f153()
    f154()
    f155()
    f156()
    f157()
    f158()
    f159()
    f160()
    f161()
    f162()
    f163()
    f164()
    f165()
    f166()
    f167()
    f168()
    f169()
    f170()
    f171()
    f172()
    f173()
    f174()
    f175()
    f176()
    f177()
    f178()
    f179()
    f180()
    f181()
    f182()
    f183()
    f184()
    f185()
    f186()
    f187()
    f188()
    f189()
    f190()
    f191()
    f192()
    f193()
    f194()
    f195()
    f196()
    f197()
    f198()
    f199()
    f200()
    f201()
    f202()
    f203()
    f204()
    f205()
    f206()
    f207()
    f208()
    f209()
    f210()
    f211()
    f212()
    f213()
    f214()
    f215()
    f216()
    f217()
    f218()
    f219()
    f220()
    f221()
    f222()
    f223()
    f224()
    f225()
    f226()
    f227()
    f228()
    f229()
    f230()
    f231()
    f232()
    f233()
    f234()
    f235()
    f236()
    f237()
    f238()
    f239()
    f240()
    f241()
    f242()
    f243()
    f244()
    f245()
    f246()
    f247()
    f248()
    f249()
    f250()
    f251()
    f252()
    f253()
    f254()
    f255()
    f256()
    f257()
    f258()
    f259()

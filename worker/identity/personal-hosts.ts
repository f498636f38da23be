// Dynamic-DNS and free-subdomain services (PSL private section blocks of DynDNS, No-IP, Dynu, dynv6, DuckDNS, ClouDNS, ddnss,
// Now-DNS, TwoDNS, GoIP, DNShome, DDNS5, Voxel.sh, plus the free-subdomain suffixes seen in disposable lists): their tenants
// are home connections and throwaway mail hosts, never companies. One registrable domain per entry, space separated.
export const PERSONAL_HOST_SERVICES = `
001www.com 16-b.it 32-b.it 3utilities.com 64-b.it abrdns.com accesscam.org app.gp at-band-camp.net at.md at.vg ath.cx
barrel-of-knowledge.info barrell-of-knowledge.info be.ax be.gy better-than.tv blog.gt blog.kg blog.vu blogdns.com
blogdns.net blogdns.org blogsite.org blogsite.xyz blogsyte.com boldlygoingnowhere.org bounceme.net brasilia.me
broke-it.net buyshouses.net cable-modem.org camdvr.org casacam.net cat.ax cc.cd cc.hn ccwu.cc cechire.com ch.tc
ciscofreak.com cloud-ip.cc cloudns.asia cloudns.biz cloudns.cc cloudns.club cloudns.eu cloudns.in cloudns.info
cloudns.org cloudns.pro cloudns.pw cloudns.us co.nl co.no collegefan.org couchpotatofries.org crafting.xyz
damnserver.com dd-dns.de ddns.me ddns.net ddns5.com ddnsfree.com ddnsgeek.com ddnsking.com ddnslive.com ddnss.de
ddnss.org de.gt de.ls de.md de5.net dedyn.io dev.vu diskstation.eu diskstation.org ditchyourip.com dns-cloud.net
dns.army dns.navy dnsabr.com dnsalias.com dnsalias.net dnsalias.org dnsdojo.com dnsdojo.net dnsdojo.org dnsfor.me
dnshome.de dnsiskinky.com dnsking.ch dnsup.net does-it.net doesntexist.com doesntexist.org dontexist.com
dontexist.net dontexist.org doomdns.com doomdns.org dpdns.org dray-dns.de draydns.de duckdns.org dvrcam.info
dvrdns.org dyn-ip24.de dyn-o-saur.com dyn-vpn.de dynalias.com dynalias.net dynalias.org dynathome.net
dyndns-at-home.com dyndns-at-work.com dyndns-blog.com dyndns-free.com dyndns-home.com dyndns-ip.com dyndns-mail.com
dyndns-office.com dyndns-pics.com dyndns-remote.com dyndns-server.com dyndns-web.com dyndns-wiki.com dyndns-work.com
dyndns.biz dyndns.info dyndns.org dyndns.tv dyndns.ws dyndns1.de dynns.com dynserv.org dynu.net dynv6.net dynvpn.de
eating-organic.net endofinternet.net endofinternet.org endoftheinternet.org es.ax est-a-la-maison.com
est-a-la-masion.com est-le-patron.com est-mon-blogueur.com eu.ax fantasyleague.cc for-better.biz for-more.biz
for-our.info for-some.biz for-the.biz forumz.info freeddns.org freeddns.us from-ak.com from-al.com from-ar.com
from-az.net from-ca.com from-co.net from-ct.com from-dc.com from-de.com from-fl.com from-ga.com from-hi.com
from-ia.com from-id.com from-il.com from-in.com from-ks.com from-ky.com from-la.net from-ma.com from-md.com
from-me.org from-mi.com from-mn.com from-mo.com from-ms.com from-mt.com from-nc.com from-nd.com from-ne.com
from-nh.com from-nj.com from-nm.com from-nv.com from-ny.net from-oh.com from-ok.com from-or.com from-pa.com
from-pr.com from-ri.com from-sc.com from-sd.com from-tn.com from-tx.com from-ut.com from-va.com from-vt.com
from-wa.com from-wi.com from-wv.com from-wy.com ftpaccess.cc fuettertdasnetz.de game-host.org game-server.cc
geekgalaxy.com getmyip.com gets-it.net gg.ax ggff.net giize.com gleeze.com goip.de golffan.us gotdns.ch gotdns.com
gotdns.org groks-the.info groks-this.info ham-radio-op.net health-carereform.com her.name here-for-more.info
hicam.net his.name hobby-site.com hobby-site.org home-webserver.de homedns.org homeftp.net homeftp.org homeip.net
homelinux.com homelinux.net homelinux.org homesecuritymac.com homesecuritypc.com homeunix.com homeunix.net
homeunix.org hopto.me hopto.org iamallama.com ilovecollege.info in-the-band.net indevs.in indie.porn io.kg
is-a-anarchist.com is-a-blogger.com is-a-bookkeeper.com is-a-bruinsfan.org is-a-bulls-fan.com is-a-candidate.org
is-a-caterer.com is-a-celticsfan.org is-a-chef.com is-a-chef.net is-a-chef.org is-a-conservative.com is-a-cpa.com
is-a-cubicle-slave.com is-a-democrat.com is-a-designer.com is-a-doctor.com is-a-financialadvisor.com is-a-geek.com
is-a-geek.net is-a-geek.org is-a-green.com is-a-guru.com is-a-hard-worker.com is-a-hunter.com is-a-knight.org
is-a-landscaper.com is-a-lawyer.com is-a-liberal.com is-a-libertarian.com is-a-linux-user.org is-a-llama.com
is-a-musician.com is-a-nascarfan.com is-a-nurse.com is-a-painter.com is-a-patsfan.org is-a-personaltrainer.com
is-a-photographer.com is-a-player.com is-a-republican.com is-a-rockstar.com is-a-socialist.com is-a-soxfan.org
is-a-student.com is-a-teacher.com is-a-techie.com is-a-therapist.com is-an-accountant.com is-an-actor.com
is-an-actress.com is-an-anarchist.com is-an-artist.com is-an-engineer.com is-an-entertainer.com is-by.us
is-certified.com is-found.org is-gone.com is-into-anime.com is-into-cars.com is-into-cartoons.com is-into-games.com
is-leet.com is-lost.org is-not-certified.com is-saved.org is-slick.com is-uberleet.com is-very-bad.org
is-very-evil.org is-very-good.org is-very-nice.org is-very-sweet.org is-with-theband.com isa-geek.com isa-geek.net
isa-geek.org isa-hockeynut.com issmarterthanyou.com isteingeek.de istmein.de jp.kg jp.md kicks-ass.net kicks-ass.org
knowsitall.info kozow.com land-4-sale.us lebtimnetz.de leitungsen.de likes-pie.com likescandy.com loginto.me
loseyourip.com mc.ax me.tc me.vu mein-vigor.de merseine.nu mine.nu misconfused.org mlbfan.org mmafan.biz my-vigor.de
my-wan.de myactivedirectory.com myddns.rocks mydissent.net myeffect.net myftp.biz myftp.org myhome-server.de
myiphost.com mymediapc.net mypets.ws myphotos.cc mypi.co mypsx.net mysecuritycamera.com mysecuritycamera.net
mysecuritycamera.org myvnc.com mywire.org n4t.co neat-url.com neko.am net-freaks.com nflfan.org nhlfan.net nl.ci
no-ip.biz no-ip.ca no-ip.co.uk no-ip.info no-ip.net no-ip.org noip.me noip.us now-dns.net now-dns.org now-dns.top
ntdll.top nyaa.am nyan.to nyc.mn office-on-the.net on-the-web.tv onthewifi.com ooguy.com ownip.net pgafan.net
podzone.net podzone.org point2this.com pointto.us privatizehealthinsurance.net quicksytes.com qzz.io read-books.org
readmyblog.org redirectme.net saves-the-whales.com scrapper-site.net scrapping.cc securitytactics.com selfip.biz
selfip.com selfip.info selfip.net selfip.org sells-for-less.com sells-for-u.com sells-it.net sellsyourhome.org
servebbs.com servebbs.net servebbs.org servebeer.com serveblog.net servecounterstrike.com serveexchange.com
serveftp.com serveftp.net serveftp.org servegame.com servegame.org servehalflife.com servehttp.com servehumour.com
serveirc.com serveminecraft.net servemp3.com servep2p.com servepics.com servequake.com servesarcasm.com shacknet.nu
simple-url.com soundcast.me space-to-rent.com sryze.cc stuff-4-sale.org stuff-4-sale.us stufftoread.com syno-ds.de
synology-diskstation.de synology-ds.de sytes.net tcp4.me teaches-yoga.com theworkpc.com thruhere.net to.gt to.md
traeumtgerade.de tv.kg ufcfan.org uk.kg unusualperson.com us.ax us.ci us.kg v6.army v6.navy v6.rocks vpndns.net
vxl.sh we.tc webhop.biz webhop.info webhop.me webhop.net webhop.org webredirect.org workisboring.com worse-than.tv
writesthisblog.com x443.pw xx.gl xx.kg xy.ax zapto.org zapto.xyz zone.id
`;
